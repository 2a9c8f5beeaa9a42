// The virtualizability report (DESIGN.md, story 7): Popek and Goldberg's condition for RV64,
// measured on the core. Their theorem (CACM 17(7), 1974): a machine can be virtualized by
// trap-and-emulate, the guest's kernel run in user mode and every trap handled by the monitor,
// if every sensitive instruction is privileged, i.e. traps when executed in user mode.
// Sensitive are the control-sensitive instructions, which change privileged state or the
// machine's configuration, and the behaviour-sensitive ones, whose result depends on the mode
// or on privileged state (privileged spec: the xRET, wfi, sfence.vma and ecall instructions,
// the S- and M-level CSRs, and the counters that mcounteren/scounteren gate).
//
// Nothing here is assumed: each row runs its instruction on the core three times (the counters
// a fourth, below), from a RAM window of its own with the vCPU block set up directly, and reads
// the exit reason, the cause and the pc:
//   natively      in the mode a guest runs it in (S, or M for machine-level instructions), in a
//                 state where the spec lets that mode execute it (stimecmp: Sstc with
//                 menvcfg.STCE and mcounteren.TM; the counters: mcounteren and scounteren set);
//   in U          the same state, in U-mode: "privileged" is trapping here and not natively;
//   deprivileged  in U-mode with CONFIG_CLASSIC, as classic trap-and-emulate runs a guest
//                 kernel: a trap ends the run as EXIT_TRAP, with the cause, for the hypervisor.
// The condition is read off the deprivileged column: the monitor gets control at every
// sensitive instruction. That also covers ecall, which traps in every mode (its cause tells the
// mode, which makes it sensitive, but not privileged in the strict sense), and the counters,
// which trap deprivileged only while the hypervisor keeps mcounteren clear (the fourth run has
// it set).
//
// Not rows: loads, stores and fetches depend on satp, SUM and MXR, and floating point on
// mstatus.FS, but that is state the hypervisor keeps equivalent in the physical hart (shadow
// page tables, the guest's FS mirrored), as Popek and Goldberg's relocation register: those
// instructions run deprivileged unchanged and need no trap.
//
// The ablation (`ablate: "sstatus"`, CONFIG_SILENT_SSTATUS) makes U-mode sstatus accesses run
// silently instead of trapping, as x86's POPF silently ignores IF in user mode, which is why
// x86 failed the condition; the report then says that the condition fails, and where.

import * as L from "../core/layout.js";
import { COUNTEREN_CY, COUNTEREN_IR, COUNTEREN_TM, EBREAK, ECALL, MENVCFG_STCE, MRET, MSTATUS_SIE, SRET, WFI } from "../core/privileged.js";
import { Vcpu } from "../core/vcpu.js";
import { Machine } from "../machine/machine.js";
import { demoGuest } from "../demo-guests.js";
import { RAM_BASE } from "../vm/ram.js";
import { Hypervisor } from "./hypervisor.js";

/** Control: changes privileged state or the machine's configuration. Behaviour: its result depends on them. */
export type Sensitivity = "control" | "behaviour" | "no";

/** What one run of an instruction did: it completed, or it trapped with an exception cause (mcause). */
export type Outcome = { traps: false } | { traps: true; cause: number };

export interface VirtualizabilityRow {
  /** GNU assembler syntax. */
  instruction: string;
  /** The 32-bit instruction word, in hex. */
  encoding: string;
  sensitive: Sensitivity;
  reason: string;
  /** The mode a guest executes it in when not virtualized. */
  mode: "S" | "M";
  natively: Outcome;
  inU: Outcome;
  /** In U-mode under CONFIG_CLASSIC, with what the hypervisor keeps in the physical hart. */
  deprivileged: Outcome;
  /** Popek and Goldberg's sense: traps in U and not natively; "every mode" when it traps natively too. */
  privileged: "yes" | "no" | "every mode";
  /** What else was measured: when it traps only by the hypervisor's setting, or what it did instead of trapping. */
  note?: string;
}

export interface VirtualizabilityReport {
  ablate?: "sstatus";
  rows: VirtualizabilityRow[];
  /** Every sensitive instruction traps when deprivileged. */
  holds: boolean;
  conclusion: string;
}

export interface VirtualizabilityOptions {
  /** "sstatus": measure the ablated core, whose U-mode sstatus accesses do not trap (CONFIG_SILENT_SSTATUS). */
  ablate?: "sstatus";
  /** The machine to run on (its core and memory); default: a new one with the package's core. */
  machine?: Machine;
}

// ---- instruction words ----------------------------------------------------------------------

const A0 = 10;
const ZERO = 0;
const CSR_FUNCT3 = { csrrw: 1, csrrs: 2, csrrc: 3, csrrwi: 5, csrrsi: 6, csrrci: 7 } as const;

/**
 * A Zicsr instruction word: I-type on the SYSTEM opcode with the CSR number as the immediate;
 * for the immediate forms `rs1` is the 5-bit zero-extended immediate.
 */
export function encodeCsr(op: keyof typeof CSR_FUNCT3, rd: number, csr: number, rs1: number): number {
  return ((csr << 20) | (rs1 << 15) | (CSR_FUNCT3[op] << 12) | (rd << 7) | 0x73) >>> 0;
}

const SFENCE_VMA = 0x1200_0073; // sfence.vma zero, zero: every address, every ASID
/** jal zero, 0: where a run goes on after the probed instruction, changing nothing. */
const SPIN = 0x0000_006f;

// ---- the probes -----------------------------------------------------------------------------

type Slots = readonly (readonly [slot: number, value: bigint])[];

interface Probe {
  instruction: string;
  word: number;
  sensitive: Sensitivity;
  reason: string;
  mode: "S" | "M";
  /** The CSR it reads or writes, to describe a run that should have trapped and did not. */
  csr?: { name: string; writes: boolean };
  /** a0 before it runs: a write's value. */
  a0?: bigint;
  /** Block slots and CONFIG bits that let `mode` execute it; in every run. */
  state?: Slots;
  config?: number;
  /** What a classic hypervisor keeps in the physical hart instead while the guest runs, and its name. */
  hypervisor?: { state: Slots; keeps: string };
}

const SSTATUS_SIE = MSTATUS_SIE;

/** [name, number, what a read reveals, what a write changes] */
type CsrSpec = readonly [string, number, string, string];

const SSTATUS: CsrSpec = ["sstatus", 0x100, "reveals SIE and SPP, the guest's mode", "sets interrupt enable, SUM, MXR"];

/** The S-level CSRs but sstatus, which has rows of its own. */
const S_CSRS: readonly CsrSpec[] = [
  ["sie", 0x104, "reveals the enabled interrupts", "enables or masks interrupts"],
  ["stvec", 0x105, "reveals the trap vector", "moves the trap vector"],
  ["scounteren", 0x106, "reveals U's counter access", "grants U the counters"],
  ["senvcfg", 0x10a, "reveals U's environment (FIOM)", "configures U's environment"],
  ["sscratch", 0x140, "reveals the trap handler's scratch word", "sets the trap handler's scratch word"],
  ["sepc", 0x141, "reveals the trap's pc", "sets where sret returns"],
  ["scause", 0x142, "reveals the trap's cause", "sets the trap's cause"],
  ["stval", 0x143, "reveals the trap's value", "sets the trap's value"],
  ["sip", 0x144, "reveals the pending interrupts", "raises or clears SSIP"],
  ["satp", 0x180, "reveals the page-table root", "switches address translation"],
  ["stimecmp", 0x14d, "reveals the timer deadline", "programs the timer (Sstc)"],
];

const M_CSRS: readonly CsrSpec[] = [
  ["mstatus", 0x300, "reveals the machine's status", "sets MIE, MPRV, TVM, TW, TSR"],
  ["misa", 0x301, "reveals the hart's extensions", "selects extensions (WARL)"],
  ["medeleg", 0x302, "reveals the exception delegation", "delegates exceptions"],
  ["mideleg", 0x303, "reveals the interrupt delegation", "delegates interrupts"],
  ["mie", 0x304, "reveals the enabled interrupts", "enables or masks interrupts"],
  ["mtvec", 0x305, "reveals M's trap vector", "moves M's trap vector"],
  ["mcounteren", 0x306, "reveals S's counter access", "grants S the counters"],
  ["menvcfg", 0x30a, "reveals S's environment", "enables Sstc, FIOM"],
  ["mcountinhibit", 0x320, "reveals which counters stop", "stops or starts counters"],
  ["mscratch", 0x340, "reveals M's scratch word", "sets M's scratch word"],
  ["mepc", 0x341, "reveals M's trap pc", "sets where mret returns"],
  ["mcause", 0x342, "reveals M's trap cause", "sets M's trap cause"],
  ["mtval", 0x343, "reveals M's trap value", "sets M's trap value"],
  ["mip", 0x344, "reveals the pending interrupts", "raises or clears interrupts"],
  ["pmpcfg0", 0x3a0, "reveals the memory protection", "changes memory protection"],
  ["pmpaddr0", 0x3b0, "reveals the memory protection", "changes memory protection"],
  ["mcycle", 0xb00, "reveals the hart's cycle count", "sets the cycle count"],
  ["minstret", 0xb02, "reveals the hart's retired count", "sets the retired count"],
];

/** A read (`csrr`, reading `reveals`) and a write (`csrw`, doing `changes`) of a CSR. */
function csrProbes([name, csr, reveals, changes]: CsrSpec, mode: "S" | "M", fields: Partial<Probe> = {}): Probe[] {
  return [
    { instruction: `csrr a0, ${name}`, word: encodeCsr("csrrs", A0, csr, ZERO), sensitive: "behaviour", reason: reveals, mode, csr: { name, writes: false }, ...fields },
    { instruction: `csrw ${name}, a0`, word: encodeCsr("csrrw", ZERO, csr, A0), sensitive: "control", reason: changes, mode, csr: { name, writes: true }, ...fields },
  ];
}

/** The user counters (Zicntr): S may read them once mcounteren grants it; U also needs scounteren. */
function counterProbe(name: string, csr: number, bit: bigint, field: string, reveals: string): Probe {
  const granted = COUNTEREN_CY | COUNTEREN_TM | COUNTEREN_IR;
  return {
    instruction: `rd${name} a0`, word: encodeCsr("csrrs", A0, csr, ZERO), sensitive: "behaviour", reason: reveals, mode: "S",
    csr: { name, writes: false },
    state: [[L.MCOUNTEREN, granted], [L.SCOUNTEREN, granted]],
    hypervisor: { state: [[L.MCOUNTEREN, granted & ~bit]], keeps: `mcounteren.${field} clear` },
  };
}

const PROBES: readonly Probe[] = [
  { instruction: "sret", word: SRET, sensitive: "control", reason: "returns to SPP's mode, SIE from SPIE", mode: "S" },
  { instruction: "mret", word: MRET, sensitive: "control", reason: "returns to MPP's mode, MIE from MPIE", mode: "M" },
  { instruction: "wfi", word: WFI, sensitive: "control", reason: "stops the hart until an interrupt", mode: "S" },
  { instruction: "sfence.vma", word: SFENCE_VMA, sensitive: "control", reason: "flushes address translation caches", mode: "S" },
  { instruction: "ecall", word: ECALL, sensitive: "behaviour", reason: "its cause tells the mode (8, 9, 11)", mode: "S" },
  { instruction: "ebreak", word: EBREAK, sensitive: "no", reason: "a breakpoint (cause 3) in every mode", mode: "S" },
  ...csrProbes(SSTATUS, "S", { a0: SSTATUS_SIE }),
  // How kernels enable interrupts (local_irq_enable): x86's STI, and POPF's case.
  {
    instruction: "csrsi sstatus, 2", word: encodeCsr("csrrsi", ZERO, SSTATUS[1], Number(SSTATUS_SIE)), sensitive: "control",
    reason: "enables interrupts (SIE)", mode: "S", csr: { name: "sstatus", writes: true },
  },
  ...S_CSRS.flatMap((spec) =>
    spec[0] === "stimecmp"
      ? csrProbes(spec, "S", { config: L.CONFIG_SSTC, state: [[L.MENVCFG, MENVCFG_STCE], [L.MCOUNTEREN, COUNTEREN_TM]] })
      : csrProbes(spec, "S")),
  ...M_CSRS.flatMap((spec) => csrProbes(spec, "M")),
  {
    instruction: "csrr a0, mhartid", word: encodeCsr("csrrs", A0, 0xf14, ZERO), sensitive: "behaviour",
    reason: "reveals the physical hart's id", mode: "M", csr: { name: "mhartid", writes: false },
  },
  counterProbe("cycle", 0xc00, COUNTEREN_CY, "CY", "reveals the hart's cycle count"),
  counterProbe("time", 0xc01, COUNTEREN_TM, "TM", "reveals the physical clock"),
  counterProbe("instret", 0xc02, COUNTEREN_IR, "IR", "reveals the hart's retired count"),
];

// ---- running a probe ------------------------------------------------------------------------

const PRIV_U = 0n, PRIV_S = 1n, PRIV_M = 3n;
const RAM_BYTES = 4096;
/** The probed instruction, and after it a spin loop: where a run that did not trap ends. */
const AT = RAM_BASE;
/** mtvec: where a trap lands on the core outside classic mode (a spin loop too). */
const HANDLER = RAM_BASE + 0x100n;
/** Enough for the instruction and a turn of the spin loop after it. */
const BUDGET = 4;
/** The block's slots of the hart's CSRs, first and last: mstatus … misa, and the PMP registers. */
const CSR_RANGES = [[L.MSTATUS, L.MISA], [L.PMPCFG0, L.PMPADDR + 15 * 8]] as const;

interface Run {
  outcome: Outcome;
  /** The hart's CSRs differ afterwards. */
  changed: boolean;
  /** a0 afterwards: what a read that did not trap returned. */
  a0: bigint;
}

/** One vCPU over a one-page RAM window, set up afresh for every run. */
class Bench {
  private readonly machine: Machine;
  private readonly vcpu: Vcpu;
  private readonly ram: number;

  constructor(machine: Machine) {
    this.machine = machine;
    this.vcpu = new Vcpu(machine.core, machine.mem, 0);
    this.ram = machine.mem.alloc(RAM_BYTES, 4096);
  }

  /** Runs `word` at AT in privilege `priv` with `config` and `state`; throws when the core breaks its run contract. */
  run(word: number, priv: bigint, config: number, state: Slots, a0: bigint): Run {
    const v = this.vcpu;
    this.machine.core.exports.resetVcpu(v.block, 0n);
    v.set(L.RAM_BASE, RAM_BASE);
    v.set(L.RAM_SIZE, BigInt(RAM_BYTES));
    v.set(L.RAM_HOST, BigInt(this.ram));
    v.set(L.CONFIG, BigInt(config));
    const view = this.machine.mem.view;
    view.setUint32(this.ram, word, true);
    view.setUint32(this.ram + 4, SPIN, true);
    view.setUint32(this.ram + Number(HANDLER - RAM_BASE), SPIN, true);
    v.set(L.MTVEC, HANDLER);
    // An xRET that runs returns to the spin loop, as every other instruction that runs ends there.
    v.set(L.MEPC, AT + 4n);
    v.set(L.SEPC, AT + 4n);
    for (const [slot, value] of state) v.set(slot, value);
    v.setX(A0, a0);
    v.set(L.PRIV, priv);
    v.pc = AT;
    const before = this.csrs();
    const reason = v.run(BUDGET);
    const after = { changed: this.csrs() !== before, a0: v.x(A0) };
    if ((config & L.CONFIG_CLASSIC) !== 0 && reason === "trap") {
      // Classic mode's contract: the guest's state untouched, pc at the trapping instruction.
      if (v.pc !== AT) throw new Error(`the core left pc at 0x${v.pc.toString(16)} after a classic-mode trap at 0x${AT.toString(16)}`);
      return { outcome: { traps: true, cause: v.getNumber(L.EXIT_VALUE) }, ...after };
    }
    if (reason === "budget" && v.pc === HANDLER && v.priv === Number(PRIV_M) && v.get(L.MEPC) === AT) {
      return { outcome: { traps: true, cause: v.getNumber(L.MCAUSE) }, ...after };
    }
    if ((reason === "budget" || reason === "wfi") && v.pc === AT + 4n) return { outcome: { traps: false }, ...after };
    throw new Error(`instruction 0x${word.toString(16).padStart(8, "0")} ended its run with '${reason}' at pc 0x${v.pc.toString(16)}: neither ran nor trapped`);
  }

  private csrs(): string {
    const slots: bigint[] = [];
    for (const [first, last] of CSR_RANGES) for (let s: number = first; s <= last; s += 8) slots.push(this.vcpu.get(s));
    return slots.join(",");
  }
}

function measure(bench: Bench, p: Probe, silent: number): VirtualizabilityRow {
  const config = (p.config ?? 0) | silent;
  const state = p.state ?? [];
  const a0 = p.a0 ?? 0n;
  const natively = bench.run(p.word, p.mode === "M" ? PRIV_M : PRIV_S, config, state, a0).outcome;
  const inU = bench.run(p.word, PRIV_U, config, state, a0).outcome;
  const classic = config | L.CONFIG_CLASSIC;
  const deprivileged = bench.run(p.word, PRIV_U, classic, [...state, ...(p.hypervisor?.state ?? [])], a0);
  const privileged = !inU.traps ? "no" : natively.traps ? "every mode" : "yes";
  let note: string | undefined;
  if (p.hypervisor && deprivileged.outcome.traps && !bench.run(p.word, PRIV_U, classic, state, a0).outcome.traps) {
    note = `traps only while the hypervisor keeps ${p.hypervisor.keeps} (runs with it set)`;
  } else if (p.sensitive !== "no" && !deprivileged.outcome.traps) {
    const what = p.csr === undefined ? "" : !p.csr.writes ? `: a0 = 0x${deprivileged.a0.toString(16)}, the hart's own ${p.csr.name}`
      : deprivileged.changed ? `: it writes the hart's own ${p.csr.name}` : ": the write is dropped";
    note = `does not trap${what}`;
  }
  return {
    instruction: p.instruction,
    encoding: `0x${p.word.toString(16).padStart(8, "0")}`,
    sensitive: p.sensitive,
    reason: p.reason,
    mode: p.mode,
    natively,
    inU,
    deprivileged: deprivileged.outcome,
    privileged,
    ...(note === undefined ? {} : { note }),
  };
}

/**
 * Runs every sensitive instruction of RV64 (and ebreak, which is not) on the core natively, in
 * U-mode and deprivileged, and concludes whether Popek and Goldberg's condition holds.
 */
export async function virtualizabilityReport(options: VirtualizabilityOptions = {}): Promise<VirtualizabilityReport> {
  const bench = new Bench(options.machine ?? await Machine.create());
  const silent = options.ablate === "sstatus" ? L.CONFIG_SILENT_SSTATUS : 0;
  const rows = PROBES.map((p) => measure(bench, p, silent));
  const sensitive = rows.filter((r) => r.sensitive !== "no");
  const escaping = sensitive.filter((r) => !r.deprivileged.traps);
  const holds = escaping.length === 0;
  let conclusion: string;
  if (holds) {
    const conditional = PROBES.filter((p) => p.hypervisor !== undefined).map((p) => p.instruction.split(" ")[0]!);
    conclusion = `Popek and Goldberg's condition holds: all ${sensitive.length} sensitive instructions trap when deprivileged ` +
      `(${list(conditional)} while the hypervisor keeps mcounteren clear), so RISC-V is classically virtualizable.`;
  } else {
    conclusion = `Popek and Goldberg's condition fails: ${list(escaping.map((r) => `\`${r.instruction}\``))} ` +
      `${escaping.length === 1 ? "is sensitive but does" : "are sensitive but do"} not trap when deprivileged, ` +
      `so a guest kernel run in U-mode would execute ${escaping.length === 1 ? "it" : "them"} on the physical hart unseen: ` +
      `this core is not classically virtualizable.`;
  }
  return { ...(options.ablate === undefined ? {} : { ablate: options.ablate }), rows, holds, conclusion };
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

// ---- the table ------------------------------------------------------------------------------

function cell(o: Outcome, mode?: string): string {
  const what = o.traps ? `traps (${o.cause})` : "runs";
  return mode === undefined ? what : `${mode}: ${what}`;
}

/** The report as an aligned text table, a legend and the conclusion. */
export function formatVirtualizabilityReport(report: VirtualizabilityReport): string {
  const head = ["instruction", "sensitive", "reason", "natively", "in U", "deprivileged", "privileged", "note"];
  const body = report.rows.map((r) => [
    r.instruction, r.sensitive, r.reason, cell(r.natively, r.mode), cell(r.inU), cell(r.deprivileged), r.privileged, r.note ?? "",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  const title = report.ablate === "sstatus"
    ? "Ablated core: U-mode sstatus accesses run silently (CONFIG_SILENT_SSTATUS, as x86's POPF ignores IF in user mode)"
    : "The core as built: every sensitive instruction of RV64 (and ebreak), run natively, in U-mode and deprivileged";
  return [
    title,
    "",
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...body.map(line),
    "",
    "natively: in S, or M for machine-level instructions, where the guest runs it unvirtualized; deprivileged: in U in",
    "classic mode (CONFIG_CLASSIC), where a trap leaves the core for the hypervisor. traps (c): exception cause c",
    "(2 illegal instruction, 3 breakpoint, 8 and 9 environment call from U and S).",
    "",
    ...wrap(report.conclusion, 110),
    "",
  ].join("\n");
}

/** `text` in lines of at most `width` characters, broken at spaces. */
function wrap(text: string, width: number): string[] {
  const lines = [""];
  for (const word of text.split(" ")) {
    const last = lines.at(-1)!;
    if (last === "") lines[lines.length - 1] = word;
    else if (last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

// ---- the consequence: a guest kernel on the ablated core --------------------------------------

/** How one classic-mode run of tiny-os.elf ended, and what it printed. */
export interface AblationRun {
  outcome: string;
  reason: string | undefined;
  instructions: number;
  console: string;
}

/** Guest instructions the ablated run may take: a kernel whose interrupts never come on may never end. */
const ABLATION_RUN_INSNS = 30_000_000;

/**
 * The ablation's consequence on a real guest: our S-mode kernel (guests/demo/tiny-os.elf) in
 * classic mode on the correct core and on the ablated one. Ablated, its sstatus accesses no
 * longer trap, so the hypervisor never sees them: the kernel reads the hart's own sstatus (not
 * its virtual one), and its writes (SUM around user copies, SIE to take interrupts) never reach
 * its virtual state.
 */
export async function ablationConsequence(): Promise<{ correct: AblationRun; ablated: AblationRun }> {
  const elf = await demoGuest("tiny-os.elf");
  const run = async (ablate: boolean): Promise<AblationRun> => {
    const hv = await Hypervisor.create({ maxInsns: ABLATION_RUN_INSNS });
    const bytes: number[] = [];
    const vm = hv.createVm({ name: "tiny-os", mode: "kernel", classic: true, memoryBytes: 16 << 20, onConsole: (b) => bytes.push(b) });
    if (ablate) vm.harts[0]!.classic!.ablateSstatus();
    vm.loadElf(elf);
    while (hv.runFor(1000)) {
      // until it stops, or the instruction cap
    }
    const r = vm.result;
    return { outcome: r?.outcome ?? vm.state, reason: r?.reason, instructions: vm.instructions, console: new TextDecoder().decode(new Uint8Array(bytes)) };
  };
  return { correct: await run(false), ablated: await run(true) };
}

/**
 * The two runs side by side where their consoles differ: the hunks of a line diff (longest
 * common subsequence), each correct line beside the ablated one, and how each run ended.
 */
export function formatAblationConsequence(c: { correct: AblationRun; ablated: AblationRun }, maxLines = 24): string {
  const a = c.correct.console.split("\n");
  const b = c.ablated.console.split("\n");
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const width = 60;
  const clip = (t: string) => (t.length > width ? `${t.slice(0, width - 1)}…` : t);
  const lines = ["tiny-os.elf (our S-mode kernel) in classic mode, where the consoles differ:", `${"correct core".padEnd(width)} | ablated core`];
  let left: string[] = [];
  let right: string[] = [];
  let shown = 0;
  const flush = () => {
    for (let k = 0; k < Math.max(left.length, right.length) && shown < maxLines; k++, shown++) {
      lines.push(`${clip(left[k] ?? "").padEnd(width)} | ${clip(right[k] ?? "")}`);
    }
    left = [];
    right = [];
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) right.push(b[j++]!);
    else left.push(a[i++]!);
  }
  flush();
  const end = (r: AblationRun) => `${r.outcome}${r.reason ? ` (${r.reason})` : ""} after ${r.instructions.toLocaleString("en-US")} instructions`;
  lines.push(`correct: ${end(c.correct)}`, `ablated: ${end(c.ablated)}`);
  return lines.join("\n");
}

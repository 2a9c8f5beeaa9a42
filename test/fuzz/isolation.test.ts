// The isolation fuzzer: hostile guests in several VMs on one machine, and an oracle that says
// whether any of them reached memory it must not. A short seeded run is part of `npm test`;
// `npm run fuzz:isolation` runs long (FUZZ_ROUNDS, default 400). FUZZ_SEED reproduces a run.
//
// Each round creates a machine with three attacker VMs (firmware or kernel mode, with or without
// Sstc; a kernel-mode one assisted or classic, its kernel deprivileged under shadow page tables
// built from its random ones) and two victim VMs that never run, their RAM filled with a pattern. Attackers run
// structured random code: loads, stores and AMOs at RAM edges, every device region and random
// addresses; random CSR writes (satp over random page tables, tvecs, epcs, mstatus, delegation);
// jumps to odd and boundary targets; self-modifying stores; SBI calls with hostile arguments;
// stores to the registers of their virtio devices (blk, net on a shared switch, console, rng);
// resets through the test finisher and SBI; and some start at odd or boundary pcs written
// straight into the vCPU block. The oracle compares the whole linear memory with a snapshot: only
// the attackers' RAM windows, their vCPU blocks, the classic attackers' shadow page-table pools
// and the core's decode cache may change, and a pool holds only what the hypervisor writes there
// (shadow leaves with U, A and D set, pointers to the pool's own pages). And
// nothing but a typed RvisorError may leave the host API, no host error may stop a VM, and no
// round may take long.

import { describe, expect, it } from "vitest";
import { Hypervisor, MemoryBlockImage, RvisorError, layout as L, type VirtioDeviceOptions, type Vm } from "../../src/index.js";
import * as rv from "../helpers/rv.js";
import { prng, type Rng } from "../helpers/prng.js";
import type { Machine } from "../../src/machine/machine.js";

const RAM = 0x8000_0000n;
const RAM_BYTES = 128 * 1024;
/** The image takes the first half; the device tree goes at the top. */
const IMAGE_BYTES = 64 * 1024;
const LONG = process.env.FUZZ_LONG === "1";
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? (LONG ? 400 : 12));
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 0x7fff_ffff);
/** Host time a round may take before it counts as a hang. */
const ROUND_MS = 10_000;

// Where things sit in an attacker's image (offsets from RAM): a RISC-V Image header whose first
// word jumps over it (so the same bytes boot as firmware and as a kernel), the prologue and
// random body, the trap handler, page tables, and a pool of 64-bit values the body loads.
const BODY_END = 0x4000;
const HANDLER = 0x4000;
const PAGE_TABLES = 0x8000;
const POOL = 0xe040; // gp = auipc(0xe) at RAM + 64
const POOL_ENTRIES = 256;
const GP = 3;


// Encoders beyond the helpers' (the formats of the unprivileged spec, chapter 2).
const iType = (imm: number, rs1: number, f3: number, rd: number, op: number) =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const sType = (imm: number, rs2: number, rs1: number, f3: number, op = 0x23) =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 31) << 7) | op) >>> 0;
const bType = (off: number, rs2: number, rs1: number, f3: number) =>
  ((((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
    (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7) | 0x63) >>> 0;
const amo = (f5: number, rs2: number, rs1: number, f3: number, rd: number) =>
  ((f5 << 27) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | 0x2f) >>> 0;
const csr = (f3: number, rd: number, number: number, rs1: number) => iType(number, rs1, f3, rd, 0x73);

const CSRS = [
  0x300, 0x302, 0x303, 0x304, 0x305, 0x340, 0x341, 0x342, 0x343, 0x344, 0x306, 0x30a, 0x320,
  0x100, 0x104, 0x105, 0x140, 0x141, 0x142, 0x143, 0x144, 0x106, 0x10a, 0x180, 0x14d,
  0x3a0, 0x3b0, 0xb00, 0xb02, 0xc00, 0xc01, 0xc02, 0xf14, 0x301, 0x7a0,
];
const SBI_EIDS = [0x10, 0x54494d45, 0x735049, 0x52464e43, 0x48534d, 0x53525354, 0x4442434e, 0, 1, 2, 3, 4, 8, 0x0a00_0000];

/** Values worth aiming at: RAM edges, device registers, the other windows' guest addresses, odd pcs. */
function poolValues(rng: Rng): bigint[] {
  const end = RAM + BigInt(RAM_BYTES);
  const devices = [
    0x0200_0000n, 0x0200_4000n, 0x0200_bff8n, // CLINT msip, mtimecmp, mtime
    0x0c00_0000n, 0x0c00_1000n, 0x0c00_2000n, 0x0c00_2080n, 0x0c20_0000n, 0x0c20_0004n, 0x0c20_1000n, 0x0c20_1004n, // PLIC
    0x1000_0000n, 0x1000_0001n, 0x1000_0003n, 0x1000_0005n, 0x1000_0007n, // UART
    0x0010_0000n, // test finisher
    // virtio slots: an attacker's devices (blk, net, console, rng) and the empty slots; the
    // registers that place queues, make them ready, notify and reset
    ...[0x1000_1000n, 0x1000_2000n, 0x1000_3000n, 0x1000_4000n, 0x1000_8000n].flatMap((slot) => [0x00, 0x30, 0x38, 0x44, 0x50, 0x64, 0x70, 0x80, 0x90, 0xa0, 0x100].map((r) => slot + BigInt(r))),
  ];
  const edges = [RAM, RAM + 1n, RAM + 0xffen, RAM + 0xfffn, end - 8n, end - 4n, end - 2n, end - 1n, end, end + 8n, RAM - 8n, RAM + BigInt(HANDLER)];
  const finisher = [0x5555n, 0x3333n, 0x7777n, 0x1_3333n];
  const wild = [0n, 1n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n - 2n, 0x7fff_ffffn, 0xffff_ffffn, 2n ** 39n, 2n ** 38n, 2n ** 56n - 1n];
  const out: bigint[] = [];
  for (let k = 0; k < POOL_ENTRIES; k++) {
    switch (rng.below(6)) {
      case 0: out.push(rng.pick(devices) + BigInt(rng.below(4) * 4)); break;
      case 1: out.push(rng.pick(edges)); break;
      case 2: out.push(rng.pick(finisher)); break;
      case 3: out.push(rng.pick(wild)); break;
      case 4: out.push(RAM + BigInt(rng.below(RAM_BYTES))); break;
      default: out.push(rng.u64()); break;
    }
  }
  // satp values over the random page tables (Sv39, some with an ASID), and the handler address.
  out[0] = RAM + BigInt(HANDLER);
  out[1] = (8n << 60n) | ((RAM + BigInt(PAGE_TABLES)) >> 12n);
  out[2] = (8n << 60n) | (0x5an << 44n) | ((RAM + BigInt(PAGE_TABLES + 0x1000)) >> 12n);
  out[3] = (9n << 60n) | ((RAM + BigInt(PAGE_TABLES)) >> 12n);
  out[4] = 0x0010_0000n; // the test finisher
  out[5] = 0x7777n; // its reset command
  return out;
}

/** Random Sv39 entries: valid or not, leaves or pointers, to RAM, devices or nowhere. */
function pageTables(rng: Rng): Uint8Array {
  const bytes = new Uint8Array(0x4000);
  const view = new DataView(bytes.buffer);
  for (let k = 0; k < bytes.length / 8; k++) {
    if (rng.chance(0.5)) continue;
    const ppn = rng.pick([
      (RAM >> 12n) + BigInt(rng.below(16)), // into RAM (also into these tables)
      (RAM + BigInt(PAGE_TABLES)) >> 12n,
      0x1000_0n, 0x0200_0n, // UART, CLINT
      BigInt(rng.u32()) << 6n, // anywhere
    ]);
    const flags = BigInt(rng.u32() & 0x3ff);
    view.setBigUint64(k * 8, (ppn << 10n) | flags, true);
  }
  // Often the root maps RAM's gigapage onto itself (V R W X A D, for S-mode), so that code keeps
  // running once satp points here, and its random accesses walk the random tables below.
  for (const root of [0, 0x1000]) if (rng.chance(0.6)) view.setBigUint64(root + 2 * 8, ((RAM >> 12n) << 10n) | 0xcfn, true);
  return bytes;
}

/**
 * A driver's step, or a wrong one: a 32-bit store to a virtio register (feature select, queue
 * select and size, ready, notify, acknowledge, status, queue addresses) of a value a driver
 * might write (status handshakes, small numbers, RAM addresses) or anything.
 */
function virtioStore(rng: Rng, r: number, s: number): number[] {
  const slot = 0x1000_1000 + 0x1000 * rng.below(5);
  const register = rng.pick([0x14, 0x20, 0x24, 0x30, 0x38, 0x44, 0x50, 0x50, 0x64, 0x70, 0x70, 0x80, 0x84, 0x90, 0xa0]);
  const value = rng.pick([
    () => rng.below(17),
    () => rng.pick([1, 3, 11, 15, 0]), // ACKNOWLEDGE, DRIVER, FEATURES_OK, DRIVER_OK, reset
    () => 0x8000_0000 + (rng.below(RAM_BYTES) & ~15), // somewhere in RAM, aligned
    () => rng.u32(),
  ])() >>> 0;
  // lui+addi build any 32-bit value (the store writes its low 32 bits).
  const hi = ((value + 0x800) >>> 12) & 0xfffff;
  const lo = ((value & 0xfff) << 20) >> 20;
  return [rv.lui(r, slot >>> 12), rv.lui(s, hi), rv.addi(s, s, lo), rv.sw(s, r, register)];
}

/** One random operation of the body, as instruction words. */
function operation(rng: Rng): number[] {
  const reg = () => rng.pick([1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 28, 29, 30, 31]);
  const load = (rd: number) => rv.ld(rd, GP, rng.below(POOL_ENTRIES) * 8); // rd = pool[k]
  const r = reg(), s = reg();
  if (rng.chance(0.15)) return virtioStore(rng, r, s);
  switch (rng.below(20)) {
    case 0: return [load(r)];
    case 1: return [load(r), iType(rng.below(8) * 8 - 32, r, rng.pick([0, 1, 2, 3, 4, 5, 6]), s, 0x03)]; // loads
    case 2: return [load(r), load(s), sType(rng.below(8) * 8 - 32, s, r, rng.below(4))]; // stores
    case 3: return [load(r), load(s), amo(rng.pick([0, 1, 2, 3, 4, 8, 0xc, 0x10, 0x14, 0x18, 0x1c]), s, r, rng.pick([2, 3]), reg())];
    case 4: return [load(r), csr(rng.pick([1, 2, 3]), reg(), rng.pick(CSRS), r)];
    case 5: return [csr(rng.pick([5, 6, 7]), reg(), rng.pick(CSRS), rng.below(32))];
    case 6: return [load(r), iType(rng.below(16) - 8, r, 0, rng.pick([0, 1]), 0x67)]; // jalr
    case 7: return [bType((rng.below(64) - 32) * 2, reg(), reg(), rng.pick([0, 1, 4, 5, 6, 7]))];
    case 8: { // an SBI call with hostile arguments
      const words = [load(10), load(11), load(12)];
      const eid = rng.pick(SBI_EIDS);
      words.push(rv.lui(17, (eid + 0x800) >>> 12), rv.addi(17, 17, eid & 0xfff), rv.addi(16, 0, rng.below(8)), rv.ECALL);
      return words;
    }
    case 9: return [rng.pick([rv.MRET, 0x10200073 /* sret */, rv.WFI, 0x0000100f /* fence.i */, 0x12000073 /* sfence.vma */, rv.EBREAK, rv.ECALL])];
    case 10: { // self-modifying: a random word over the code just ahead
      return [rv.auipc(r, 0), rv.lui(s, rng.below(1 << 20)), rv.addi(s, s, rng.below(4096) - 2048), rv.sw(s, r, 16 + rng.below(4) * 4), 0x0000100f];
    }
    case 11: return [rng.u32()]; // anything
    case 12: return [rng.u32() & 0xffff | (rng.u32() & 0xffff) << 16]; // often two compressed ones
    case 13: // satp (often one over the tables), sfence.vma
      return [rng.chance(0.5) ? rv.ld(r, GP, rng.pick([1, 2, 3]) * 8) : load(r), csr(1, 0, 0x180, r), 0x12000073];
    case 14: return [rv.addi(reg(), reg(), rng.below(4096) - 2048)];
    // F and D: FP loads and stores at hostile addresses (they use the TLB like the integer ones,
    // and a device load completes into f[rd]), any OP-FP or fused multiply-add, fcsr writes.
    case 15: return [load(r), iType(rng.below(8) * 8 - 32, r, rng.pick([2, 3]), rng.below(32), 0x07)];
    case 16: return [load(r), sType(rng.below(8) * 8 - 32, rng.below(32), r, rng.pick([2, 3]), 0x27)];
    case 17: return [((rng.u32() & ~0x7f) | rng.pick([0x43, 0x47, 0x4b, 0x4f, 0x53])) >>> 0];
    case 18: return [load(r), csr(rng.pick([1, 2, 3]), reg(), rng.pick([1, 2, 3]), r)];
    default: // a reset: the test finisher's 0x7777, or SBI system reset (cold reboot)
      return rng.chance(0.5)
        ? [rv.ld(r, GP, 4 * 8), rv.ld(s, GP, 5 * 8), rv.sw(s, r, 0)]
        : [rv.lui(17, 0x53525), rv.addi(17, 17, 0x354), rv.addi(16, 0, 0), rv.addi(10, 0, 1), rv.addi(11, 0, 0), rv.ECALL];
  }
}

/** An attacker's image: header, prologue (gp, trap vectors), random body, handler, tables, pool. */
function attackerImage(rng: Rng, kernel: boolean): Uint8Array {
  const image = new Uint8Array(IMAGE_BYTES);
  const view = new DataView(image.buffer);
  view.setUint32(0, rv.jal(0, 64), true);
  view.setUint32(0x38, 0x0543_5352, true); // "RSC\x05"
  // gp, stvec, and the FP unit on (sstatus.FS = Dirty) so that F/D instructions execute.
  const words: number[] = [rv.auipc(GP, 0xe), rv.ld(5, GP, 0), csr(1, 0, 0x105, 5), rv.lui(6, 0x6), csr(2, 0, 0x100, 6)];
  if (!kernel) words.push(csr(1, 0, 0x305, 5));
  while (64 + 4 * words.length < BODY_END - 64) words.push(...operation(rng));
  words.push(rv.jal(0, -(4 * words.length))); // and around again
  words.forEach((w, k) => view.setUint32(64 + 4 * k, w, true));
  // The handler skips the trapping instruction: epc += 4, then return (mret or sret).
  const [epc, ret] = kernel ? [0x141, 0x10200073] : [0x341, rv.MRET];
  rv.code(csr(2, 5, epc, 0), rv.addi(5, 5, 4), csr(1, 0, epc, 5), ret).forEach((b, k) => (image[HANDLER + k] = b));
  image.set(pageTables(rng), PAGE_TABLES);
  poolValues(rng).forEach((v, k) => view.setBigUint64(POOL + k * 8, BigInt.asUintN(64, v), true));
  return image;
}

interface Region { name: string; start: number; end: number }

/**
 * The parts of memory the attackers may change: their RAM, their vCPU blocks, shadow pools, the
 * decode cache and the compiling tier's directory and queue.
 */
function writable(attackers: Vm[], machine: Machine): Region[] {
  const decodeCache = machine.decodeCache;
  const regions: Region[] = [{ name: "decode cache", start: decodeCache, end: decodeCache + L.DECODE_CACHE_SIZE }];
  regions.push(...(machine.jit?.regions() ?? []));
  for (const vm of attackers) {
    regions.push({ name: `${vm.name} RAM`, start: vm.ramHost, end: vm.ramHost + vm.ramBytes });
    for (const hart of vm.harts) {
      regions.push({ name: `${vm.name} vCPU ${hart.id}`, start: hart.vcpu.block, end: hart.vcpu.block + L.VCPU_BLOCK_SIZE });
      const shadow = hart.classic?.shadow;
      if (shadow) regions.push({ name: `${vm.name} hart ${hart.id} shadow pool`, start: shadow.host, end: shadow.host + shadow.pages * 4096 });
    }
  }
  return regions.sort((a, b) => a.start - b.start);
}

/**
 * Entries of a classic VM's shadow pool that the hypervisor cannot have written: a leaf without
 * V, U, A and D, or a pointer (V alone) outside the pool. A guest store that reached the pool
 * would show here (or as an escape, were the pool outside the allowed regions).
 */
function foreignShadowEntries(vm: Vm): string[] {
  return vm.harts.flatMap((hart) => {
    const shadow = hart.classic?.shadow;
    return shadow ? foreignEntries(vm, shadow) : [];
  });
}

function foreignEntries(vm: Vm, shadow: { host: number; pages: number }): string[] {
  const view = vm.vcpu.mem.view;
  const bad: string[] = [];
  for (let k = 0; k < shadow.pages * 512 && bad.length < 4; k++) {
    const pte = view.getBigUint64(shadow.host + k * 8, true);
    if (pte === 0n) continue;
    const leaf = (pte & 0xen) !== 0n;
    const ok = leaf ? (pte & 0xd1n) === 0xd1n : (pte & 0x3ffn) === 1n && pte >> 10n < BigInt(shadow.pages);
    if (!ok) bad.push(`${vm.name}: shadow pool entry ${k} = 0x${pte.toString(16)}`);
  }
  return bad;
}

/** Addresses outside the writable regions whose bytes differ from the snapshot (at most a few). */
function escapes(now: Uint8Array, before: Uint8Array, allowed: Region[]): number[] {
  const found: number[] = [];
  let at = 0;
  const scan = (end: number) => {
    if (Buffer.compare(now.subarray(at, end), before.subarray(at, end)) !== 0) {
      for (let k = at; k < end && found.length < 8; k++) if (now[k] !== before[k]) found.push(k);
    }
  };
  for (const r of allowed) {
    scan(r.start);
    at = r.end;
  }
  scan(before.length);
  return found;
}

interface Tally { rounds: number; secondaryHarts: number; classicTraps: number; shadowWalks: number; instructions: number; exits: number; resets: number; oddStarts: number; fpUsed: number; virtioAccesses: number; virtioNotifications: number; escapes: number; untyped: number; hostErrors: number; hangs: number }

async function round(seed: number, tally: Tally, plant?: (hv: Hypervisor, victim: Vm) => void): Promise<string[]> {
  const rng = prng(seed);
  const problems: string[] = [];
  // One or two physical harts; attackers with one to three harts each (SMP: every hart of a
  // firmware-mode attacker runs its code, and IPIs, HSM calls and remote fences cross harts).
  const hv = await Hypervisor.create({ quantum: 5_000 + rng.below(20_000), harts: 1 + rng.below(2) });
  const victims: Vm[] = [];
  const attackers: Vm[] = [];
  const pattern = (k: number) => (k * 0x9e + 0x5a) & 0xff;
  for (let k = 0; k < 5; k++) {
    const victim = k === 1 || k === 3;
    const kernel = !victim && rng.chance(0.5);
    // Attackers get virtio devices (DMA into their RAM, frames to each other through a switch).
    const virtio: VirtioDeviceOptions[] = victim
      ? []
      : [
          { type: "blk", image: new MemoryBlockImage(new Uint8Array(4096).map(() => rng.below(256))) },
          { type: "net", switch: hv.networkSwitch("fuzz") },
          { type: "console" },
          { type: "rng" },
        ].slice(0, rng.below(5)) as VirtioDeviceOptions[];
    const classic = kernel && rng.chance(0.5);
    const harts = victim ? 1 : 1 + rng.below(3);
    const vm = hv.createVm({ name: victim ? `victim${k}` : `attacker${k}`, memoryBytes: RAM_BYTES, harts, mode: kernel ? "kernel" : "firmware", sstc: kernel && rng.chance(0.5), classic, virtio });
    if (victim) {
      vm.loadBytes(RAM, Uint8Array.from({ length: RAM_BYTES }, (_, i) => pattern(i + k)));
      vm.stop({ outcome: "stopped", exitCode: 0, reason: "victim: never runs" });
      victims.push(vm);
      continue;
    }
    const image = attackerImage(rng, kernel);
    vm.boot(kernel ? { kernel: image } : { firmware: image });
    if (rng.chance(0.3)) {
      // Odd and boundary pcs, written past the API (which refuses odd values) as a host bug might.
      const end = RAM + BigInt(RAM_BYTES);
      vm.vcpu.set(L.PC, rng.pick([RAM + 1n, RAM + 0x41n, RAM + 0xffen, RAM + 0xfffn, end - 2n, end - 1n, end, 0n, 2n ** 64n - 2n, 2n ** 64n - 1n]));
      tally.oddStarts++;
    }
    attackers.push(vm);
  }
  const mem = hv.machine.mem;
  const before = mem.bytes.slice();
  plant?.(hv, victims[0]!);
  const t0 = performance.now();
  try {
    hv.runFor(ROUND_MS / 2, 60 + rng.below(100));
  } catch (e) {
    if (e instanceof RvisorError) problems.push(`typed error out of runFor: ${e.message}`);
    else {
      tally.untyped++;
      problems.push(`untyped error out of runFor: ${(e as Error)?.stack ?? String(e)}`);
    }
  }
  const ms = performance.now() - t0;
  if (ms > ROUND_MS) {
    tally.hangs++;
    problems.push(`round took ${ms.toFixed(0)} ms`);
  }
  for (const vm of attackers) {
    tally.instructions += vm.instructions;
    tally.secondaryHarts += vm.harts.filter((h) => h.id > 0 && h.vcpu.getNumber(L.RETIRED) > 0).length;
    tally.resets += vm.stats.reboots;
    for (const s of vm.stats.exits.values()) tally.exits += s.count;
    // The body's F/D operations ran: some f register or fcsr holds something.
    if (Array.from({ length: 32 }, (_, r) => vm.vcpu.f(r)).some((f) => f !== 0n) || vm.vcpu.get(L.FCSR) !== 0n) tally.fpUsed++;
    for (const d of vm.platform.virtio) tally.virtioNotifications += d.counters.notifications;
    for (const [device, n] of vm.stats.mmioByDevice) if (device.startsWith("virtio")) tally.virtioAccesses += n;
    tally.classicTraps += vm.classicStats === undefined ? 0 : vm.stats.exits.get("trap")!.count;
    tally.shadowWalks += (vm.classicStats?.shadow.filled ?? 0) + (vm.classicStats?.shadow.reflected ?? 0);
    for (const p of foreignShadowEntries(vm)) {
      tally.escapes++;
      problems.push(p);
    }
    if (vm.result?.error !== undefined) {
      tally.hostErrors++;
      problems.push(`${vm.name}: ${vm.result.reason}`);
    }
  }
  const found = escapes(mem.bytes, before, writable(attackers, hv.machine));
  if (found.length > 0) {
    tally.escapes++;
    problems.push(`memory outside the attackers' regions changed at ${found.map((a) => "0x" + a.toString(16)).join(", ")}`);
  }
  tally.rounds++;
  return problems;
}

const fresh = (): Tally => ({ rounds: 0, secondaryHarts: 0, classicTraps: 0, shadowWalks: 0, instructions: 0, exits: 0, resets: 0, oddStarts: 0, fpUsed: 0, virtioAccesses: 0, virtioNotifications: 0, escapes: 0, untyped: 0, hostErrors: 0, hangs: 0 });

describe("isolation fuzzer", () => {
  it("catches a planted escape (oracle self-test)", async () => {
    const tally = fresh();
    const problems = await round(SEED, tally, (hv, victim) => {
      hv.machine.mem.bytes[victim.ramHost + 123]! ^= 1; // a victim's RAM
      hv.machine.mem.bytes[victim.vcpu.block + L.PC]! ^= 2; // a victim's pc
      hv.machine.mem.bytes[8]! ^= 4; // the core's own data
    });
    expect(tally.escapes).toBe(1);
    expect(problems.join("\n")).toMatch(/memory outside the attackers' regions changed at 0x8, .*0x/);
  });

  it("catches a guest-looking value in a classic VM's shadow pool (oracle self-test)", async () => {
    const hv = await Hypervisor.create();
    const vm = hv.createVm({ mode: "kernel", classic: true, memoryBytes: RAM_BYTES });
    expect(foreignShadowEntries(vm)).toEqual([]);
    const shadow = vm.harts[0]!.classic!.shadow;
    vm.vcpu.mem.view.setBigUint64(shadow.host + 5 * 4096 + 16, 0x2000_0000_0000_00cfn, true); // a leaf without U
    vm.vcpu.mem.view.setBigUint64(shadow.host + 8, (BigInt(shadow.pages) << 10n) | 1n, true); // a pointer out of the pool
    expect(foreignShadowEntries(vm)).toHaveLength(2);
  });

  it(`finds no escape, untyped error, host error or hang (seed ${SEED}, ${ROUNDS} rounds)`, { timeout: ROUNDS * ROUND_MS + 60_000 }, async () => {
    const tally = fresh();
    const report: string[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      const seed = (SEED + k * 0x9e37_79b9) >>> 0;
      for (const p of await round(seed, tally)) report.push(`round seed ${seed}: ${p}`);
    }
    console.log(`isolation fuzzer: seed ${SEED}, ${tally.rounds} rounds, ${tally.instructions} instructions, ${tally.exits} exits, ` +
      `${tally.resets} resets, ${tally.oddStarts} odd/boundary starts, ${tally.secondaryHarts} secondary harts that ran, ${tally.fpUsed} attackers with FP state, ${tally.virtioAccesses} virtio register accesses (${tally.virtioNotifications} notifications), ${tally.classicTraps} classic traps (${tally.shadowWalks} walks of their page tables); escapes ${tally.escapes}, ` +
      `untyped errors ${tally.untyped}, host errors ${tally.hostErrors}, hangs ${tally.hangs}`);
    expect(report, `reproduce with FUZZ_SEED=${SEED}`).toEqual([]);
    expect(tally.fpUsed, "no attacker ran F/D instructions").toBeGreaterThan(0);
    expect(tally.classicTraps, "no classic attacker trapped").toBeGreaterThan(0);
    expect(tally.virtioAccesses, "no attacker reached a virtio device").toBeGreaterThan(0);
  });
});

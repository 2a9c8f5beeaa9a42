// The vCPU state block: the `kvm_run` of rvisor. One block per vCPU in the shared linear memory,
// at an address the host chooses (VCPU_BLOCK_SIZE bytes, 8-byte aligned). The core reads and
// writes it with fixed offsets; src/core/layout.ts mirrors every constant here and a test checks
// the mirror against this module's exports. Every slot is a little-endian u64.
//
//   0x000  x0..x31              integer registers (x0 reads as zero; the core rewrites it)
//   0x100  pc, priv             priv: 0 = U, 1 = S, 3 = M
//   0x110  machine CSRs         mstatus … mhartid (see offsets below)
//   0x1d0  hypervisor config    ram window, device table, watch address, clock, config flags
//   0x3c8  exit record          reason, address, value, size, direction, rd, signedness
//   0x438  fcsr
//   0x500  f0..f31              the F/D register file
//   0x800  TLBs                 fetch, load, store: TLB_ENTRIES × { tag, host addend }
//   0x3800 core-private         the x0 write sink, the decode scratch entry (decode.ts)

/**
 * The version of the host/core contract: this layout, the exported functions and constants.
 * The host states the version it was written for (src/core/layout.ts) and refuses a core of
 * another; bump it with every change to an offset, a size, a code or an export's signature.
 */
export const ABI_VERSION: u32 = 5;

export const X: u32 = 0x000;
export const PC: u32 = 0x100;
export const PRIV: u32 = 0x108;

export const MSTATUS: u32 = 0x110;
export const MEDELEG: u32 = 0x118;
export const MIDELEG: u32 = 0x120;
export const MIE: u32 = 0x128;
/** Software-writable pending bits (SSIP, STIP, SEIP as written by M-mode). */
export const MIP: u32 = 0x130;
/** Interrupt lines driven by the host (MSIP, MTIP, MEIP, SEIP from the PLIC); ORed into mip. */
export const MIP_LINES: u32 = 0x138;
export const MTVEC: u32 = 0x140;
export const MSCRATCH: u32 = 0x148;
export const MEPC: u32 = 0x150;
export const MCAUSE: u32 = 0x158;
export const MTVAL: u32 = 0x160;
export const MCOUNTEREN: u32 = 0x168;
export const MENVCFG: u32 = 0x170;
export const MCOUNTINHIBIT: u32 = 0x178;
export const STVEC: u32 = 0x180;
export const SSCRATCH: u32 = 0x188;
export const SEPC: u32 = 0x190;
export const SCAUSE: u32 = 0x198;
export const STVAL: u32 = 0x1a0;
export const SCOUNTEREN: u32 = 0x1a8;
export const SENVCFG: u32 = 0x1b0;
export const SATP: u32 = 0x1b8;
export const STIMECMP: u32 = 0x1c0;
export const MHARTID: u32 = 0x1c8;
export const MISA: u32 = 0x1d0;
/** LR reservation: guest-physical address, or all-ones when none is held. */
export const RESERVATION: u32 = 0x1d8;
/** Instructions this vCPU has executed, ever (the basis of mcycle/minstret). */
export const RETIRED: u32 = 0x1e0;
/** mcycle = RETIRED + MCYCLE_DELTA (or the frozen value while inhibited); likewise minstret. */
export const MCYCLE_DELTA: u32 = 0x1e8;
export const MINSTRET_DELTA: u32 = 0x1f0;
/** The physical clock in nominal instruction units at run entry; the core advances it. */
export const CLOCK: u32 = 0x1f8;
/** Nominal instructions per mtime tick (100 MIPS / 10 MHz = 10). */
export const TICK_DIV: u32 = 0x200;
/** Configuration flags, CONFIG_* below. */
export const CONFIG: u32 = 0x208;
/** pmpcfg0, pmpcfg2 and pmpaddr0..15: WARL storage, no checks (allow-all). */
export const PMPCFG0: u32 = 0x210;
export const PMPCFG2: u32 = 0x218;
export const PMPADDR: u32 = 0x220; // 16 slots
/** Guest-physical RAM window and where it sits in the linear memory. */
export const RAM_BASE: u32 = 0x2a0;
export const RAM_SIZE: u32 = 0x2a8;
export const RAM_HOST: u32 = 0x2b0;
/** A guest-physical word whose stores leave the guest (HTIF tohost); all-ones when none. */
export const WATCH_ADDR: u32 = 0x2b8;
/** Device regions: DEV_COUNT entries of { base, size } guest-physical; accesses exit as MMIO. */
export const DEV_COUNT: u32 = 0x2c0;
export const DEV_TABLE: u32 = 0x2c8; // DEV_MAX × 16 bytes
export const DEV_MAX: u32 = 16;

export const EXIT_REASON: u32 = 0x3c8;
export const EXIT_ADDR: u32 = 0x3d0;
export const EXIT_VALUE: u32 = 0x3d8;
export const EXIT_SIZE: u32 = 0x3e0;
export const EXIT_IS_WRITE: u32 = 0x3e8;
export const EXIT_RD: u32 = 0x3f0;
export const EXIT_SIGNED: u32 = 0x3f8;
/** For EXIT_FATAL: the FATAL_* code; the trap cause and pc are in EXIT_VALUE / EXIT_ADDR. */
export const EXIT_DETAIL: u32 = 0x400;
/** Where the last trap sent the hart: a fetch fault exactly there means no usable handler. */
export const LAST_TRAP_TARGET: u32 = 0x408;
/** Interrupt traps taken so far, and the physical clock when the last one was taken: the
 *  hypervisor measures injection latency with them. */
export const IRQ_TAKEN: u32 = 0x410;
export const IRQ_TAKEN_CLOCK: u32 = 0x418;
/** The cause code of the last interrupt taken (7 = MTI, 5 = STI, ...). */
export const IRQ_TAKEN_CAUSE: u32 = 0x420;
/** Sstc: the clock at which stimecmp's deadline passed and STIP rose, for latency. */
export const SSTC_FIRED: u32 = 0x428;
/** The vCPU's retired count when its last trap was taken: a trap at the very next instruction,
 *  at the handler itself, is a loop that can never make progress. */
export const LAST_TRAP_RETIRED: u32 = 0x430;
/** fcsr (F extension): fflags in bits 4:0, frm in bits 7:5. */
export const FCSR: u32 = 0x438;
/**
 * Classic mode (CONFIG_CLASSIC): the hypervisor's shadow page tables, a pool of 4 KiB pages in
 * the linear memory at SHADOW_HOST, SHADOW_SIZE bytes. In classic mode the page walk reads its
 * tables there, not in guest RAM: satp's PPN and a non-leaf PTE's PPN number pool pages; a leaf's
 * PPN is guest-physical as always (so a shadow mapping still lands in the VM's RAM window or its
 * devices). No load, store or fetch reaches the pool: the guest cannot map it.
 */
export const SHADOW_HOST: u32 = 0x440;
export const SHADOW_SIZE: u32 = 0x448;
/**
 * The value LR loaded (its size's bits, zero-extended): SC succeeds only if memory still holds
 * it, so a store of another hart (or another value) between the two breaks the reservation.
 */
export const RESERVATION_VALUE: u32 = 0x450;
/** Instructions this vCPU ran in code the compiling tier translated (a part of RETIRED). */
export const JIT_RETIRED: u32 = 0x458;
/** f0..f31, 64 bits each; a single-precision value is NaN-boxed (bits 63:32 all ones). */
export const F: u32 = 0x500;

export const TLB_ENTRIES: u32 = 256;
export const TLB_FETCH: u32 = 0x800;
export const TLB_LOAD: u32 = TLB_FETCH + TLB_ENTRIES * 16;
export const TLB_STORE: u32 = TLB_LOAD + TLB_ENTRIES * 16;
/** Writes to x0 land here, so that x0 is never written (a multiple of 256: rd = off >> 3 & 31 = 0). */
export const X0_SINK: u32 = 0x3800;
/** A decoded entry and two empty ones after it, to run one instruction outside the decode cache. */
export const DECODE_SCRATCH: u32 = 0x3810;
export const VCPU_BLOCK_SIZE: u32 = 0x4000;

// CONFIG flags.
/** Ecall from S-mode leaves the guest (kernel boot: the hypervisor provides SBI). */
export const CONFIG_HOST_SBI: u32 = 1;
/** The vCPU has Sstc: stimecmp exists and drives STIP without exits. */
export const CONFIG_SSTC: u32 = 2;
/** Ebreak leaves the guest as EXIT_BREAKPOINT instead of trapping into the guest. */
export const CONFIG_EBREAK_EXITS: u32 = 4;
/**
 * Classic (trap-and-emulate) virtualization: the hart runs the guest's kernel deprivileged, and
 * every trap leaves the guest as EXIT_TRAP for the hypervisor to emulate or reflect; the core
 * takes no interrupts (the hypervisor delivers virtual ones), and the page walk uses the shadow
 * tables (SHADOW_HOST).
 */
export const CONFIG_CLASSIC: u32 = 8;
/**
 * The ablation of the virtualizability report: a U-mode access to sstatus executes silently
 * instead of raising illegal-instruction (as x86's POPF silently ignores IF in user mode): a
 * read sees the physical hart's sstatus bits, a write is dropped.
 */
export const CONFIG_SILENT_SSTATUS: u32 = 16;
/**
 * Pause-loop exiting (as VT-x's PAUSE exiting): Zihintpause's `pause` ends the run as an
 * EXIT_BUDGET with EXIT_DETAIL = BUDGET_PAUSE, so that the hypervisor can give the physical
 * hart to another vCPU of the VM (the lock holder a spinning guest waits for).
 */
export const CONFIG_PAUSE_EXITS: u32 = 32;

// Exit reasons returned by run().
export const EXIT_BUDGET: u32 = 1;
export const EXIT_MMIO: u32 = 2;
export const EXIT_HYPERCALL: u32 = 3;
export const EXIT_WFI: u32 = 4;
export const EXIT_BREAKPOINT: u32 = 5;
export const EXIT_WATCH: u32 = 6;
export const EXIT_FATAL: u32 = 7;
/** Classic mode: the guest trapped. EXIT_VALUE = cause (mcause), EXIT_ADDR = tval; pc = epc. */
export const EXIT_TRAP: u32 = 8;
/**
 * Not an exit of the guest: the compiling tier has code to translate (jit.ts). The host compiles
 * it and calls run() again with the rest of the budget; nothing above the core ever sees it.
 * Returned only with budget left, so that the second call ends where the first would have.
 */
export const EXIT_JIT: u32 = 9;

// EXIT_DETAIL codes for EXIT_BUDGET (0: the budget was spent).
/** The guest executed `pause` (CONFIG_PAUSE_EXITS): it spins, waiting for another hart. */
export const BUDGET_PAUSE: u32 = 1;

// EXIT_DETAIL codes for EXIT_FATAL.
/** A trap went to a handler address that cannot be fetched: the guest has no working handler. */
export const FATAL_NO_HANDLER: u32 = 1;

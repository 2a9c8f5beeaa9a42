// Mirror of the core's exported constants (assembly/layout.ts: the vCPU state block shared with
// the core, exit and config codes; the table sizes and the mip bits): the names the rest of the
// host uses synchronously. It cannot drift: instantiateCore (loader.ts) checks every constant
// here against the loaded core and refuses a core that differs, and test/core/layout.test.ts
// checks that the core exports nothing this mirror lacks. Offsets are byte offsets of
// little-endian u64 slots.

/** The contract version this host was written for (assembly/layout.ts ABI_VERSION). */
export const ABI_VERSION = 5;
export const X = 0x000;
export const PC = 0x100;
export const PRIV = 0x108;
export const MSTATUS = 0x110;
export const MEDELEG = 0x118;
export const MIDELEG = 0x120;
export const MIE = 0x128;
/** Software-writable pending bits (SSIP, STIP, SEIP as written by M-mode). */
export const MIP = 0x130;
/** Interrupt lines driven by the host (MSIP, MTIP, MEIP, SEIP from the PLIC); ORed into mip. */
export const MIP_LINES = 0x138;
export const MTVEC = 0x140;
export const MSCRATCH = 0x148;
export const MEPC = 0x150;
export const MCAUSE = 0x158;
export const MTVAL = 0x160;
export const MCOUNTEREN = 0x168;
export const MENVCFG = 0x170;
export const MCOUNTINHIBIT = 0x178;
export const STVEC = 0x180;
export const SSCRATCH = 0x188;
export const SEPC = 0x190;
export const SCAUSE = 0x198;
export const STVAL = 0x1a0;
export const SCOUNTEREN = 0x1a8;
export const SENVCFG = 0x1b0;
export const SATP = 0x1b8;
export const STIMECMP = 0x1c0;
export const MHARTID = 0x1c8;
export const MISA = 0x1d0;
/** LR reservation: guest-physical address, or all-ones when none is held. */
export const RESERVATION = 0x1d8;
/** Instructions this vCPU has executed, ever (the basis of mcycle/minstret). */
export const RETIRED = 0x1e0;
/** mcycle = RETIRED + MCYCLE_DELTA (or the frozen value while inhibited); likewise minstret. */
export const MCYCLE_DELTA = 0x1e8;
export const MINSTRET_DELTA = 0x1f0;
/** The physical clock in nominal instruction units at run entry; the core advances it. */
export const CLOCK = 0x1f8;
/** Nominal instructions per mtime tick (100 MIPS / 10 MHz = 10). */
export const TICK_DIV = 0x200;
/** Configuration flags, CONFIG_* below. */
export const CONFIG = 0x208;
/** pmpcfg0, pmpcfg2 and pmpaddr0..15: WARL storage, no checks (allow-all). */
export const PMPCFG0 = 0x210;
export const PMPCFG2 = 0x218;
export const PMPADDR = 0x220;
/** Guest-physical RAM window and where it sits in the linear memory. */
export const RAM_BASE = 0x2a0;
export const RAM_SIZE = 0x2a8;
export const RAM_HOST = 0x2b0;
/** A guest-physical word whose stores leave the guest (HTIF tohost); all-ones when none. */
export const WATCH_ADDR = 0x2b8;
/** Device regions: DEV_COUNT entries of { base, size } guest-physical; accesses exit as MMIO. */
export const DEV_COUNT = 0x2c0;
export const DEV_TABLE = 0x2c8;
export const DEV_MAX = 16;
export const EXIT_REASON = 0x3c8;
export const EXIT_ADDR = 0x3d0;
export const EXIT_VALUE = 0x3d8;
export const EXIT_SIZE = 0x3e0;
export const EXIT_IS_WRITE = 0x3e8;
export const EXIT_RD = 0x3f0;
export const EXIT_SIGNED = 0x3f8;
/** For EXIT_FATAL: the FATAL_* code; the trap cause and pc are in EXIT_VALUE / EXIT_ADDR. */
export const EXIT_DETAIL = 0x400;
/** Where the last trap sent the hart: a fetch fault exactly there means no usable handler. */
export const LAST_TRAP_TARGET = 0x408;
/** Interrupt traps taken so far, and the physical clock when the last one was taken: the
 *  hypervisor measures injection latency with them. */
export const IRQ_TAKEN = 0x410;
export const IRQ_TAKEN_CLOCK = 0x418;
/** The cause code of the last interrupt taken (7 = MTI, 5 = STI, ...). */
export const IRQ_TAKEN_CAUSE = 0x420;
/** Sstc: the clock at which stimecmp's deadline passed and STIP rose, for latency. */
export const SSTC_FIRED = 0x428;
/** The vCPU's retired count when its last trap was taken: a trap at the very next instruction,
 *  at the handler itself, is a loop that can never make progress. */
export const LAST_TRAP_RETIRED = 0x430;
/** fcsr (F extension): fflags in bits 4:0, frm in bits 7:5. */
export const FCSR = 0x438;
/** Classic mode: the shadow page-table pool (host address, bytes); its tables' PPNs number pool pages. */
export const SHADOW_HOST = 0x440;
export const SHADOW_SIZE = 0x448;
/** The value LR loaded: SC succeeds only if memory still holds it (another hart's store breaks the reservation). */
export const RESERVATION_VALUE = 0x450;
/** Instructions this vCPU ran in code the compiling tier translated (a part of RETIRED). */
export const JIT_RETIRED = 0x458;
/** f0..f31, 64 bits each; a single-precision value is NaN-boxed (bits 63:32 all ones). */
export const F = 0x500;
export const TLB_ENTRIES = 256;
export const TLB_FETCH = 0x800;
export const TLB_LOAD = TLB_FETCH + TLB_ENTRIES * 16;
export const TLB_STORE = TLB_LOAD + TLB_ENTRIES * 16;
/** Writes to x0 land here, so that x0 is never written (a multiple of 256: rd = off >> 3 & 31 = 0). */
export const X0_SINK = 0x3800;
/** A decoded entry and two empty ones after it, to run one instruction outside the decode cache. */
export const DECODE_SCRATCH = 0x3810;
export const VCPU_BLOCK_SIZE = 0x4000;
/** Ecall from S-mode leaves the guest (kernel boot: the hypervisor provides SBI). */
export const CONFIG_HOST_SBI = 1;
/** The vCPU has Sstc: stimecmp exists and drives STIP without exits. */
export const CONFIG_SSTC = 2;
/** Ebreak leaves the guest as EXIT_BREAKPOINT instead of trapping into the guest. */
export const CONFIG_EBREAK_EXITS = 4;
/** Classic (trap-and-emulate): every trap exits as EXIT_TRAP, no interrupts, shadow page walk. */
export const CONFIG_CLASSIC = 8;
/** The virtualizability ablation: U-mode sstatus accesses execute silently instead of trapping. */
export const CONFIG_SILENT_SSTATUS = 16;
/** Pause-loop exiting: `pause` ends the run as EXIT_BUDGET with EXIT_DETAIL = BUDGET_PAUSE. */
export const CONFIG_PAUSE_EXITS = 32;
export const EXIT_BUDGET = 1;
export const EXIT_MMIO = 2;
export const EXIT_HYPERCALL = 3;
export const EXIT_WFI = 4;
export const EXIT_BREAKPOINT = 5;
export const EXIT_WATCH = 6;
export const EXIT_FATAL = 7;
/** Classic mode: the guest trapped; EXIT_VALUE = cause, EXIT_ADDR = tval, pc = the trapping pc. */
export const EXIT_TRAP = 8;
/** Internal to the core layer: the compiling tier has code to translate; run() is called again. */
export const EXIT_JIT = 9;
/** A trap went to a handler address that cannot be fetched: the guest has no working handler. */
export const FATAL_NO_HANDLER = 1;
/** EXIT_DETAIL of an EXIT_BUDGET: the guest executed `pause` (0: the budget was spent). */
export const BUDGET_PAUSE = 1;

/** Bytes of the compressed-instruction expansion table the host allocates once per machine. */
export const RVC_TABLE_SIZE = 65536 * 4;
/** Bytes of the decode cache the host allocates once per machine (one per core instance). */
export const DECODE_CACHE_SIZE = 3_156_032;

// mip / mie bits (privileged spec 3.1.9), exported by the core from assembly/defs.ts.
export const MIP_SSIP = 1n << 1n;
export const MIP_MSIP = 1n << 3n;
export const MIP_STIP = 1n << 5n;
export const MIP_MTIP = 1n << 7n;
export const MIP_SEIP = 1n << 9n;
export const MIP_MEIP = 1n << 11n;

// The compiling tier (assembly/jit.ts): its directory and request queue, the flags of a
// translated function's result, and the decoded-entry format and operations (assembly/decode.ts)
// that the translator (src/machine/jit) reads from decodeForJit.
export const JIT_DIRECTORY_SIZE = 2097152;
export const JIT_QUEUE_SIZE = 1040;
export const JIT_DIR_ENTRIES = 65536;
export const JIT_PROBES = 16;
export const JIT_QUEUE_ENTRIES = 64;
export const JIT_EMPTY = 0;
export const JIT_TOMBSTONE = -1;
export const JIT_REFUSED = -2;
export const JIT_BAIL = 1;
export const JIT_STALE = 2;
export const JIT_FLAG_BITS = 2;
export const E_RAW = 0;
export const E_IMM = 4;
export const E_OP = 8;
export const E_STEP = 9;
export const E_RS1 = 10;
export const E_RS2 = 11;
export const E_RD = 12;
export const ENTRY_SIZE = 16;
export const OP_ILLEGAL = 1;
export const OP_LI = 2;
export const OP_AUIPC = 3;
export const OP_ADDI = 4;
export const OP_SLTI = 5;
export const OP_SLTIU = 6;
export const OP_XORI = 7;
export const OP_ORI = 8;
export const OP_ANDI = 9;
export const OP_SLLI = 10;
export const OP_SRLI = 11;
export const OP_SRAI = 12;
export const OP_ADDIW = 13;
export const OP_SLLIW = 14;
export const OP_SRLIW = 15;
export const OP_SRAIW = 16;
export const OP_ADD = 17;
export const OP_SLL = 18;
export const OP_SLT = 19;
export const OP_SLTU = 20;
export const OP_XOR = 21;
export const OP_SRL = 22;
export const OP_OR = 23;
export const OP_AND = 24;
export const OP_SUB = 25;
export const OP_SRA = 26;
export const OP_ADDW = 27;
export const OP_SUBW = 28;
export const OP_SLLW = 29;
export const OP_SRLW = 30;
export const OP_SRAW = 31;
export const OP_MUL = 32;
export const OP_MULH = 33;
export const OP_MULHSU = 34;
export const OP_MULHU = 35;
export const OP_DIV = 36;
export const OP_DIVU = 37;
export const OP_REM = 38;
export const OP_REMU = 39;
export const OP_MULW = 40;
export const OP_DIVW = 41;
export const OP_DIVUW = 42;
export const OP_REMW = 43;
export const OP_REMUW = 44;
export const OP_LB = 45;
export const OP_LH = 46;
export const OP_LW = 47;
export const OP_LD = 48;
export const OP_LBU = 49;
export const OP_LHU = 50;
export const OP_LWU = 51;
export const OP_SB = 52;
export const OP_SH = 53;
export const OP_SW = 54;
export const OP_SD = 55;
export const OP_BRANCH_FAR = 65;
export const OP_JAL_FAR = 66;
export const OP_JALR = 67;

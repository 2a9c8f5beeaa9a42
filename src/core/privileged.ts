// The privileged architecture's numbers the host works with (privileged spec 3 and 4): modes,
// mstatus fields, exception causes and interrupt numbers, counter enables, menvcfg, Sv39 PTE bits
// and the SYSTEM instructions without operands. The core keeps its own copies in
// assembly/defs.ts (AssemblyScript cannot share a module with the host); the host's users (the
// VM's boot state, the classic hypervisor and its shadow MMU, the virtualizability report, the
// timers) take them from here. The mip bits come with the vCPU (src/core/vcpu.ts).

export const PRIV_U = 0;
export const PRIV_S = 1;
export const PRIV_M = 3;

// mstatus (3.1.6) and its sstatus view (4.1.1).
export const MSTATUS_SIE = 1n << 1n;
export const MSTATUS_MIE = 1n << 3n;
export const MSTATUS_SPIE = 1n << 5n;
export const MSTATUS_MPIE = 1n << 7n;
export const MSTATUS_SPP = 1n << 8n;
export const MSTATUS_MPP_SHIFT = 11n;
export const MSTATUS_MPP = 3n << MSTATUS_MPP_SHIFT;
export const MSTATUS_FS = 3n << 13n;
export const MSTATUS_MPRV = 1n << 17n;
export const MSTATUS_SUM = 1n << 18n;
export const MSTATUS_MXR = 1n << 19n;
export const MSTATUS_TVM = 1n << 20n;
export const MSTATUS_TW = 1n << 21n;
export const MSTATUS_TSR = 1n << 22n;
export const MSTATUS_SD = 1n << 63n;
/** UXL = SXL = 2: XLEN 64, fixed. */
export const MSTATUS_XL64 = (2n << 32n) | (2n << 34n);
export const MSTATUS_UXL64 = 2n << 32n;
/** What software can write (the core's MSTATUS_WRITABLE). */
export const MSTATUS_WRITABLE = MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP |
  MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR;
export const SSTATUS_MASK = MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_UXL64 | MSTATUS_SD;
export const SSTATUS_WRITABLE = MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR;

// mcause (3.1.15).
export const CAUSE_INTERRUPT = 1n << 63n;
export const CAUSE_FETCH_ACCESS = 1n;
export const CAUSE_ILLEGAL_INSTRUCTION = 2n;
export const CAUSE_LOAD_ACCESS = 5n;
export const CAUSE_STORE_ACCESS = 7n;
export const CAUSE_USER_ECALL = 8n;
export const CAUSE_FETCH_PAGE_FAULT = 12n;
export const CAUSE_LOAD_PAGE_FAULT = 13n;
export const CAUSE_STORE_PAGE_FAULT = 15n;
/** Exceptions medeleg may delegate: everything but ecall from M (11). */
export const MEDELEG_WRITABLE = 0xb3ffn;
// Interrupt numbers (mcause with the interrupt bit, bit positions in mip/mie).
export const IRQ_SSI = 1n;
export const IRQ_MSI = 3n;
export const IRQ_STI = 5n;
export const IRQ_MTI = 7n;
export const IRQ_SEI = 9n;
export const IRQ_MEI = 11n;

// mcounteren/scounteren (3.1.11), menvcfg/senvcfg (3.1.18).
export const COUNTEREN_CY = 1n << 0n;
export const COUNTEREN_TM = 1n << 1n;
export const COUNTEREN_IR = 1n << 2n;
export const ENVCFG_FIOM = 1n;
export const MENVCFG_STCE = 1n << 63n;

// satp (4.1.11) and Sv39 PTEs (4.4.1).
export const SATP_SV39 = 8n << 60n;
export const PPN_MASK = (1n << 44n) - 1n;
export const PTE_V = 1n, PTE_R = 2n, PTE_W = 4n, PTE_X = 8n, PTE_U = 16n, PTE_A = 64n, PTE_D = 128n;
/** Bits 63:54: reserved (no Svpbmt, no Svnapot). */
export const PTE_RESERVED = 0x3ffn << 54n;

// The SYSTEM instructions without operands (3.3, 4.2.1).
export const ECALL = 0x0000_0073;
export const EBREAK = 0x0010_0073;
export const SRET = 0x1020_0073;
export const MRET = 0x3020_0073;
export const WFI = 0x1050_0073;
/** funct7 of sfence.vma. */
export const SFENCE_VMA_FUNCT7 = 0x09;

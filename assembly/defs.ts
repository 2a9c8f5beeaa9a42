// Architectural constants named as in the RISC-V privileged spec 1.12 (chapters 3 and 4).

// Privilege levels.
export const PRIV_U: u64 = 0;
export const PRIV_S: u64 = 1;
export const PRIV_M: u64 = 3;

// mstatus fields (3.1.6).
export const MSTATUS_SIE: u64 = 1 << 1;
export const MSTATUS_MIE: u64 = 1 << 3;
export const MSTATUS_SPIE: u64 = 1 << 5;
export const MSTATUS_UBE: u64 = 1 << 6;
export const MSTATUS_MPIE: u64 = 1 << 7;
export const MSTATUS_SPP: u64 = 1 << 8;
export const MSTATUS_MPP_SHIFT: u64 = 11;
export const MSTATUS_MPP: u64 = 3 << 11;
export const MSTATUS_MPRV: u64 = 1 << 17;
export const MSTATUS_SUM: u64 = 1 << 18;
export const MSTATUS_MXR: u64 = 1 << 19;
export const MSTATUS_TVM: u64 = 1 << 20;
export const MSTATUS_TW: u64 = 1 << 21;
export const MSTATUS_TSR: u64 = 1 << 22;
/** FS: the FP unit's state, 0 Off (FP instructions are illegal), 1 Initial, 2 Clean, 3 Dirty. */
export const MSTATUS_FS: u64 = 3 << 13;
export const MSTATUS_FS_DIRTY: u64 = 3 << 13;
/** SD: FS (or VS, XS, which do not exist here) is Dirty; read-only. */
export const MSTATUS_SD: u64 = <u64>1 << 63;
export const MSTATUS_UXL: u64 = 3 << 32;
export const MSTATUS_SXL: u64 = 3 << 34;
/** UXL = SXL = 2: U and S run with XLEN 64, read-only. */
export const MSTATUS_XL64: u64 = (2 << 32) | (2 << 34);
/** The bits M-mode may write; VS/XS stay 0 (no V, no custom state), big-endian bits stay 0. */
export const MSTATUS_WRITABLE: u64 =
  MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP | MSTATUS_FS |
  MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR;
/** The view of mstatus that sstatus gives (4.1.1). */
export const SSTATUS_MASK: u64 =
  MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_UBE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR |
  MSTATUS_UXL | MSTATUS_SD;
export const SSTATUS_WRITABLE: u64 = MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR;

// Interrupt numbers and mip/mie bits (3.1.9).
export const IRQ_SSI: u32 = 1;
export const IRQ_MSI: u32 = 3;
export const IRQ_STI: u32 = 5;
export const IRQ_MTI: u32 = 7;
export const IRQ_SEI: u32 = 9;
export const IRQ_MEI: u32 = 11;
export const MIP_SSIP: u64 = 1 << 1;
export const MIP_MSIP: u64 = 1 << 3;
export const MIP_STIP: u64 = 1 << 5;
export const MIP_MTIP: u64 = 1 << 7;
export const MIP_SEIP: u64 = 1 << 9;
export const MIP_MEIP: u64 = 1 << 11;
export const MIP_ALL: u64 = MIP_SSIP | MIP_MSIP | MIP_STIP | MIP_MTIP | MIP_SEIP | MIP_MEIP;
/** Supervisor-level interrupts: the only ones mideleg can delegate. */
export const MIP_S_ALL: u64 = MIP_SSIP | MIP_STIP | MIP_SEIP;
/** Bits of mip that M-mode software may write (the M-level ones are driven by the platform). */
export const MIP_WRITABLE: u64 = MIP_SSIP | MIP_STIP | MIP_SEIP;

// Exception codes (mcause with the interrupt bit clear).
export const CAUSE_MISALIGNED_FETCH: u32 = 0;
export const CAUSE_FETCH_ACCESS: u32 = 1;
export const CAUSE_ILLEGAL_INSTRUCTION: u32 = 2;
export const CAUSE_BREAKPOINT: u32 = 3;
export const CAUSE_MISALIGNED_LOAD: u32 = 4;
export const CAUSE_LOAD_ACCESS: u32 = 5;
export const CAUSE_MISALIGNED_STORE: u32 = 6;
export const CAUSE_STORE_ACCESS: u32 = 7;
export const CAUSE_USER_ECALL: u32 = 8;
export const CAUSE_SUPERVISOR_ECALL: u32 = 9;
export const CAUSE_MACHINE_ECALL: u32 = 11;
export const CAUSE_FETCH_PAGE_FAULT: u32 = 12;
export const CAUSE_LOAD_PAGE_FAULT: u32 = 13;
export const CAUSE_STORE_PAGE_FAULT: u32 = 15;
/** Exceptions medeleg may delegate: everything but ecall from M (11). */
export const MEDELEG_WRITABLE: u64 = 0xb3ff;
export const CAUSE_INTERRUPT: u64 = 1 << 63;

// misa: RV64 with I, M, A, F, D, C, S, U (RV64GC) — exactly what the core implements.
export const MISA_RV64GCSU: u64 =
  (2 << 62) | (1 << 0) /* A */ | (1 << 2) /* C */ | (1 << 3) /* D */ | (1 << 5) /* F */ |
  (1 << 8) /* I */ | (1 << 12) /* M */ | (1 << 18) /* S */ | (1 << 20) /* U */;

// satp (4.1.11) and Sv39 page-table entries (4.4.1).
export const SATP_MODE_SHIFT: u64 = 60;
export const SATP_MODE_BARE: u64 = 0;
export const SATP_MODE_SV39: u64 = 8;
export const SATP_PPN_MASK: u64 = (1 << 44) - 1;
export const SATP_ASID_MASK: u64 = 0xffff << 44;
export const PTE_V: u64 = 1 << 0;
export const PTE_R: u64 = 1 << 1;
export const PTE_W: u64 = 1 << 2;
export const PTE_X: u64 = 1 << 3;
export const PTE_U: u64 = 1 << 4;
export const PTE_A: u64 = 1 << 6;
export const PTE_D: u64 = 1 << 7;
/** Bits 63:54: reserved (no Svpbmt, no Svnapot here) and must be zero. */
export const PTE_RESERVED: u64 = 0x3ff << 54;

// menvcfg (3.1.18): FIOM and, with Sstc, STCE.
export const ENVCFG_FIOM: u64 = 1;
export const MENVCFG_STCE: u64 = 1 << 63;

// Counter-enable bits.
export const COUNTEREN_CY: u64 = 1 << 0;
export const COUNTEREN_TM: u64 = 1 << 1;
export const COUNTEREN_IR: u64 = 1 << 2;

// CSR numbers.
export const CSR_FFLAGS: u32 = 0x001;
export const CSR_FRM: u32 = 0x002;
export const CSR_FCSR: u32 = 0x003;
export const CSR_SSTATUS: u32 = 0x100;
export const CSR_SIE: u32 = 0x104;
export const CSR_STVEC: u32 = 0x105;
export const CSR_SCOUNTEREN: u32 = 0x106;
export const CSR_SENVCFG: u32 = 0x10a;
export const CSR_SSCRATCH: u32 = 0x140;
export const CSR_SEPC: u32 = 0x141;
export const CSR_SCAUSE: u32 = 0x142;
export const CSR_STVAL: u32 = 0x143;
export const CSR_SIP: u32 = 0x144;
export const CSR_STIMECMP: u32 = 0x14d;
export const CSR_SATP: u32 = 0x180;
export const CSR_MSTATUS: u32 = 0x300;
export const CSR_MISA: u32 = 0x301;
export const CSR_MEDELEG: u32 = 0x302;
export const CSR_MIDELEG: u32 = 0x303;
export const CSR_MIE: u32 = 0x304;
export const CSR_MTVEC: u32 = 0x305;
export const CSR_MCOUNTEREN: u32 = 0x306;
export const CSR_MENVCFG: u32 = 0x30a;
export const CSR_MCOUNTINHIBIT: u32 = 0x320;
export const CSR_MHPMEVENT3: u32 = 0x323;
export const CSR_MHPMEVENT31: u32 = 0x33f;
export const CSR_MSCRATCH: u32 = 0x340;
export const CSR_MEPC: u32 = 0x341;
export const CSR_MCAUSE: u32 = 0x342;
export const CSR_MTVAL: u32 = 0x343;
export const CSR_MIP: u32 = 0x344;
export const CSR_PMPCFG0: u32 = 0x3a0;
export const CSR_PMPCFG2: u32 = 0x3a2;
export const CSR_PMPADDR0: u32 = 0x3b0;
export const CSR_PMPADDR15: u32 = 0x3bf;
export const CSR_TSELECT: u32 = 0x7a0;
export const CSR_TDATA1: u32 = 0x7a1;
export const CSR_TDATA2: u32 = 0x7a2;
export const CSR_TDATA3: u32 = 0x7a3;
export const CSR_MCYCLE: u32 = 0xb00;
export const CSR_MINSTRET: u32 = 0xb02;
export const CSR_MHPMCOUNTER3: u32 = 0xb03;
export const CSR_MHPMCOUNTER31: u32 = 0xb1f;
export const CSR_CYCLE: u32 = 0xc00;
export const CSR_TIME: u32 = 0xc01;
export const CSR_INSTRET: u32 = 0xc02;
export const CSR_HPMCOUNTER3: u32 = 0xc03;
export const CSR_HPMCOUNTER31: u32 = 0xc1f;
export const CSR_MVENDORID: u32 = 0xf11;
export const CSR_MARCHID: u32 = 0xf12;
export const CSR_MIMPID: u32 = 0xf13;
export const CSR_MHARTID: u32 = 0xf14;
export const CSR_MCONFIGPTR: u32 = 0xf15;

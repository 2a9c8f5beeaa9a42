// The rvisor core: an RV64IMAC interpreter with the M/S/U privileged architecture, Sv39 and the
// run/exit contract of DESIGN.md. The host owns the (imported) memory; everything the core
// keeps is in vCPU blocks and tables at host-chosen addresses, described by the exported layout.

export * from "./layout";
export { run } from "./run";
export { resetVcpu, flushTlb, interruptsPending, interruptsEnabled } from "./vcpu";
// The mip/mie bits the host drives and tests (privileged spec 3.1.9), as i64 globals.
export { MIP_SSIP, MIP_MSIP, MIP_STIP, MIP_MTIP, MIP_SEIP, MIP_MEIP } from "./defs";
export { initRvcTable, RVC_TABLE_SIZE } from "./rvc";
export { initDecodeCache, DECODE_CACHE_SIZE } from "./decode";
// The compiling tier (src/machine/jit): its tables, the interpreter's decoder for the
// translator, and the decoded-entry format and operations the translator reads.
export {
  initJit, JIT_DIRECTORY_SIZE, JIT_QUEUE_SIZE, JIT_DIR_ENTRIES, JIT_PROBES, JIT_QUEUE_ENTRIES,
  JIT_EMPTY, JIT_TOMBSTONE, JIT_REFUSED, JIT_BAIL, JIT_STALE, JIT_FLAG_BITS,
} from "./jit";
export {
  decodeForJit, E_RAW, E_IMM, E_OP, E_STEP, E_RS1, E_RS2, E_RD, ENTRY_SIZE,
  OP_ILLEGAL, OP_LI, OP_AUIPC, OP_ADDI, OP_SLTI, OP_SLTIU, OP_XORI, OP_ORI, OP_ANDI, OP_SLLI, OP_SRLI,
  OP_SRAI, OP_ADDIW, OP_SLLIW, OP_SRLIW, OP_SRAIW, OP_ADD, OP_SLL, OP_SLT, OP_SLTU, OP_XOR, OP_SRL,
  OP_OR, OP_AND, OP_SUB, OP_SRA, OP_ADDW, OP_SUBW, OP_SLLW, OP_SRLW, OP_SRAW, OP_MUL, OP_MULH,
  OP_MULHSU, OP_MULHU, OP_DIV, OP_DIVU, OP_REM, OP_REMU, OP_MULW, OP_DIVW, OP_DIVUW, OP_REMW,
  OP_REMUW, OP_LB, OP_LH, OP_LW, OP_LD, OP_LBU, OP_LHU, OP_LWU, OP_SB, OP_SH, OP_SW, OP_SD,
  OP_BRANCH_FAR, OP_JAL_FAR, OP_JALR,
} from "./decode";

/** The end of the core's own static data: vCPU blocks and RAM must start above it. */
export const DATA_END: usize = __heap_base;

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

/** The end of the core's own static data: vCPU blocks and RAM must start above it. */
export const DATA_END: usize = __heap_base;

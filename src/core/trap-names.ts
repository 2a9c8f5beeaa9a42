// Names of mcause values (privileged spec table 3.6), for messages people read.

const EXCEPTIONS: Record<number, string> = {
  0: "instruction address misaligned",
  1: "instruction access fault",
  2: "illegal instruction",
  3: "breakpoint",
  4: "load address misaligned",
  5: "load access fault",
  6: "store/AMO address misaligned",
  7: "store/AMO access fault",
  8: "environment call from U-mode",
  9: "environment call from S-mode",
  11: "environment call from M-mode",
  12: "instruction page fault",
  13: "load page fault",
  15: "store/AMO page fault",
};

const INTERRUPTS: Record<number, string> = {
  1: "supervisor software interrupt",
  3: "machine software interrupt",
  5: "supervisor timer interrupt",
  7: "machine timer interrupt",
  9: "supervisor external interrupt",
  11: "machine external interrupt",
};

export function causeName(cause: bigint): string {
  const interrupt = (cause >> 63n) & 1n;
  const code = Number(cause & 0x7fff_ffff_ffff_ffffn);
  const name = interrupt ? INTERRUPTS[code] : EXCEPTIONS[code];
  return name ?? `${interrupt ? "interrupt" : "exception"} ${code}`;
}

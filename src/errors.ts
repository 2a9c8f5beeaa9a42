// The errors rvisor throws for things a user can fix. Every one names the problem; catch
// RvisorError to tell them from bugs.

export class RvisorError extends Error {
  override name = "RvisorError";
}

/** An impossible VM configuration or an image that cannot boot (RAM size, overlaps, placement). */
export class VmConfigError extends RvisorError {
  override name = "VmConfigError";
}

/** The machine cannot provide the memory asked for (the WebAssembly memory is 4 GiB at most). */
export class OutOfMemoryError extends RvisorError {
  override name = "OutOfMemoryError";
}

/** A method given an argument it cannot take (an interrupt number out of range, a level that is not a boolean, an unknown demo guest). */
export class ArgumentError extends RvisorError {
  override name = "ArgumentError";
}

/** A device model of yours broke the bus's contract: its read returned something that is not a register value. */
export class DeviceError extends RvisorError {
  override name = "DeviceError";
}

/** What was thrown, in words. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A value from a caller, as an error message shows it: strings quoted, bigints with their n. */
export function describeValue(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}n` : String(value);
}

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

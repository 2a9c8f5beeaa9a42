// A VM's console backend: where the bytes the guest writes go (listeners: a terminal, a page, a
// test) and where the bytes typed for it wait until the guest takes them. The frontends are
// the guest's devices (the UART, the SBI debug console, HTIF): they call output() and take().
// Input sources the host keeps open (holds) tell the hypervisor that a VM waiting with no
// timer armed is waiting for input, not stuck.

export type InputSource = "held" | "ended" | "none";

export class ConsoleBackend {
  private readonly listeners: ((byte: number) => void)[] = [];
  private readonly input: number[] = [];
  /** hold() calls not yet released: an input source that may still wake the guest. */
  private holds = 0;
  /** hold() was ever called: the host manages the VM's input explicitly. */
  private managed = false;

  /** A byte the guest wrote: every listener gets it (a listener that throws stops the VM). */
  readonly output = (byte: number): void => {
    for (const listener of this.listeners) listener(byte);
  };

  /** Adds a listener for the guest's output; returns a function that removes it. */
  listen(listener: (byte: number) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Queues bytes typed for the guest. */
  send(bytes: Uint8Array): void {
    for (const b of bytes) this.input.push(b);
  }

  /** Bytes typed and not taken yet. */
  get pending(): number {
    return this.input.length;
  }

  /** Up to `max` bytes of pending input, in order, without taking them. */
  peek(max: number): number[] {
    return this.input.slice(0, max);
  }

  /** Takes up to `max` bytes of pending input. */
  take(max: number): number[] {
    return this.input.splice(0, max);
  }

  hold(): void {
    this.holds++;
    this.managed = true;
  }

  release(): void {
    if (this.holds > 0) this.holds--;
  }

  /** "held" while some hold is open, "ended" once every hold was released, "none" if never held. */
  get source(): InputSource {
    return this.holds > 0 ? "held" : this.managed ? "ended" : "none";
  }
}

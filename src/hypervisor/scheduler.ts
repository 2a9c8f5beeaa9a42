// Which VM the physical hart runs next: round-robin over runnable VMs, with wake-up preemption
// (as a host scheduler favours an interactive task): a VM woken from wfi by an injected
// interrupt runs before the current quantum ends, so that its handler runs within instructions
// of its deadline. A wake-up jumps the queue but does not reset the rotation, so no VM starves.

export class Scheduler {
  /** Where the rotation continues. */
  private next = 0;
  /** VMs woken from wfi, in the order they woke: they run next. */
  private readonly woken: number[] = [];
  /** The VM on the physical hart now, or -1. */
  private current = -1;
  private _preempt = false;
  /** A woken VM should run before the current quantum ends. */
  get preempt(): boolean { return this._preempt; }

  /** VM `index` goes on the physical hart for a quantum. */
  start(index: number): void {
    this.current = index;
    this._preempt = false;
  }

  /** The quantum ended. */
  stop(): void {
    this.current = -1;
  }

  /** VM `index` was woken from wfi: it preempts the one running (unless it is that one). */
  woke(index: number): void {
    if (index === this.current || this.woken.includes(index)) return;
    this._preempt = true;
    this.woken.push(index);
  }

  /** The VM to run next among `count` VMs, of which `runnable(i)` can run; -1 when none can. */
  pick(count: number, runnable: (index: number) => boolean): number {
    while (this.woken.length > 0) {
      const index = this.woken.shift()!;
      if (runnable(index)) return index;
    }
    for (let k = 0; k < count; k++) {
      const index = (this.next + k) % count;
      if (runnable(index)) {
        this.next = index + 1;
        return index;
      }
    }
    return -1;
  }
}

// Which vCPU a physical hart runs next: round-robin over runnable vCPUs (every VM's harts), with
// wake-up preemption (as a host scheduler favours an interactive task): a vCPU woken from wfi by
// an injected interrupt or an IPI runs before the current quantum ends, so that its handler runs
// within instructions of its deadline. A wake-up jumps the queue but does not reset the
// rotation, and after as many jumps in a row as there are vCPUs the rotation gets the next pick:
// so no vCPU starves, not even beside SMP harts that keep waking each other with IPIs. With
// several physical harts a vCPU runs on one at a time.

export class Scheduler {
  /** Where the rotation continues. */
  private next = 0;
  /** VMs woken from wfi, in the order they woke: they run next. */
  private readonly woken: number[] = [];
  /** The vCPUs on a physical hart now. */
  private readonly running = new Set<number>();
  private _preempt = false;
  /** Picks from the woken queue since the rotation's last. */
  private jumps = 0;
  /** A woken VM should run before the current quantum ends. */
  get preempt(): boolean { return this._preempt; }

  /** vCPU `index` goes on a physical hart for a quantum. */
  start(index: number): void {
    this.running.add(index);
    this._preempt = false;
  }

  /** vCPU `index`'s quantum ended. */
  stop(index: number): void {
    this.running.delete(index);
  }

  /** vCPU `index` is on a physical hart. */
  isRunning(index: number): boolean {
    return this.running.has(index);
  }

  /** vCPU `index` was woken from wfi: it preempts one running (unless it is running itself). */
  woke(index: number): void {
    if (this.running.has(index) || this.woken.includes(index)) return;
    this._preempt = true;
    this.woken.push(index);
  }

  /**
   * The vCPU to run next among `count`, of which `runnable(i)` can run and is not on a physical
   * hart already; -1 when none can.
   */
  pick(count: number, runnable: (index: number) => boolean): number {
    const can = (index: number) => runnable(index) && !this.running.has(index);
    if (this.jumps < count) {
      while (this.woken.length > 0) {
        const index = this.woken.shift()!;
        if (can(index)) {
          this.jumps++;
          return index;
        }
      }
    }
    for (let k = 0; k < count; k++) {
      const index = (this.next + k) % count;
      if (can(index)) {
        this.next = index + 1;
        this.jumps = 0;
        // It no longer waits in the queue (it may have been woken too).
        const queued = this.woken.indexOf(index);
        if (queued >= 0) this.woken.splice(queued, 1);
        return index;
      }
    }
    return -1;
  }
}

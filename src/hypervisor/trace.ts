// A bounded recorder of hypervisor events that writes the Chrome Trace Event format, so that
// Perfetto (ui.perfetto.dev) or chrome://tracing open it. The time axis is host time: what the
// hypervisor's work really costs; the guest clock rides along in each event's args.
//
//   process "physical machine", thread "hart 0":  one slice per vCPU run, named after its VM;
//                                                  instants where the physical timer is programmed
//   process "<vm name>", thread "vCPU 0":          one slice per exit handled (name = reason,
//                                                  args: cost, device, clock); instants for
//                                                  injected interrupts (deadline), the guest
//                                                  handler taking them (latency), scheduling,
//                                                  virtio notifications (device, queue) and
//                                                  devices that need a reset (reason)
//
// Memory is bounded: a ring buffer keeps the newest `capacity` events and counts what it dropped.

import type { HypervisorEvent } from "./hypervisor.js";
import { NEVER } from "../time.js";

export interface TraceOptions {
  /** Most events kept (the newest); default 200,000. */
  capacity?: number;
}

interface ChromeEvent {
  name: string;
  ph: "X" | "i" | "M";
  ts?: number;
  dur?: number;
  pid: number;
  tid: number;
  s?: "t" | "p";
  args?: Record<string, unknown>;
}

const MACHINE_PID = 1;
const vmPid = (vm: number) => 2 + vm;

export class TraceRecorder {
  readonly capacity: number;
  private readonly ring: HypervisorEvent[] = [];
  private start = 0;
  /** Events that fell out of the ring buffer. */
  dropped = 0;
  private readonly origin = performance.now();

  constructor(options: TraceOptions = {}) {
    this.capacity = options.capacity ?? 200_000;
    if (!Number.isInteger(this.capacity) || this.capacity < 1) throw new RangeError(`trace capacity must be a positive integer, got ${options.capacity}`);
  }

  /** Pass as the hypervisor's onEvent (it is bound). */
  readonly record = (event: HypervisorEvent): void => {
    if (this.ring.length < this.capacity) {
      this.ring.push(event);
      return;
    }
    this.ring[this.start] = event;
    this.start = (this.start + 1) % this.capacity;
    this.dropped++;
  };

  get size(): number {
    return this.ring.length;
  }

  /** The events kept, oldest first. */
  events(): HypervisorEvent[] {
    return [...this.ring.slice(this.start), ...this.ring.slice(0, this.start)];
  }

  /** The trace as a Chrome Trace Event JSON object; `vmNames[i]` names VM i's track. */
  toChromeTrace(vmNames: readonly string[]): { traceEvents: ChromeEvent[]; displayTimeUnit: string; otherData: Record<string, unknown> } {
    const us = (ms: number) => Math.round((ms - this.origin) * 1000 * 1000) / 1000;
    const out: ChromeEvent[] = [
      { name: "process_name", ph: "M", pid: MACHINE_PID, tid: 0, args: { name: "physical machine" } },
      { name: "thread_name", ph: "M", pid: MACHINE_PID, tid: 1, args: { name: "hart 0" } },
    ];
    vmNames.forEach((name, i) => {
      out.push({ name: "process_name", ph: "M", pid: vmPid(i), tid: 0, args: { name } });
      out.push({ name: "thread_name", ph: "M", pid: vmPid(i), tid: 1, args: { name: "vCPU 0" } });
    });
    const vmName = (i: number) => vmNames[i] ?? `vm${i}`;
    for (const e of this.events()) {
      const clock = e.clock.toString();
      switch (e.type) {
        case "run":
          out.push({ name: vmName(e.vm), ph: "X", ts: us(e.at - e.hostMs), dur: e.hostMs * 1000, pid: MACHINE_PID, tid: 1, args: { clock, instructions: e.instructions } });
          break;
        case "exit":
          out.push({ name: e.reason, ph: "X", ts: us(e.at - e.hostMs), dur: e.hostMs * 1000, pid: vmPid(e.vm), tid: 1, args: { clock, costUs: e.hostMs * 1000, ...(e.device ? { device: e.device } : {}) } });
          break;
        case "timer":
          out.push({ name: "program physical timer", ph: "i", s: "t", ts: us(e.at), pid: MACHINE_PID, tid: 1, args: { clock, deadline: e.deadline === NEVER ? "off" : e.deadline.toString() } });
          break;
        case "inject":
          out.push({ name: "inject timer interrupt", ph: "i", s: "t", ts: us(e.at), pid: vmPid(e.vm), tid: 1, args: { clock, count: e.count, deadline: e.deadline.toString() } });
          break;
        case "irq":
          out.push({ name: "guest handler entered", ph: "i", s: "t", ts: us(e.at), pid: vmPid(e.vm), tid: 1, args: { clock, latencyCycles: e.latency } });
          break;
        case "schedule":
          out.push({ name: "schedule", ph: "i", s: "t", ts: us(e.at), pid: vmPid(e.vm), tid: 1, args: { clock } });
          break;
        case "notify":
          out.push({ name: `notify ${e.device}`, ph: "i", s: "t", ts: us(e.at), pid: vmPid(e.vm), tid: 1, args: { clock, device: e.device, queue: e.queue } });
          break;
        case "device-error":
          out.push({ name: `${e.device} needs reset`, ph: "i", s: "t", ts: us(e.at), pid: vmPid(e.vm), tid: 1, args: { clock, device: e.device, reason: e.reason } });
          break;
      }
    }
    return { traceEvents: out, displayTimeUnit: "ns", otherData: { dropped: this.dropped, capacity: this.capacity } };
  }
}

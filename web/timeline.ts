// The timeline: one time axis (the guest clock, i.e. the hypervisor's physical clock) and lanes:
//   hart 0      which VM held the physical hart (a colored span per quantum)
//   phys timer  each programming of the one physical timer (a tick; a ring at its deadline)
//   one per VM  its exits (a tick colored by exit reason), injected interrupts (a triangle), its
//               drivers' virtio queue notifications (a diamond low in the lane) and the device
//               errors of its virtio devices (a red bar; hover for the reason)

import { CLOCK_PER_MS, type TimelineEvent } from "./protocol.js";

export const VM_COLORS = ["#5fb3ff", "#f2a65a", "#7bd88f", "#d883e0", "#f27b7b", "#e6d35c", "#5fd7d0", "#b0b8ff"];
export const REASON_COLORS: Record<string, string> = {
  budget: "#6b7785",
  mmio: "#4da3ff",
  hypercall: "#c68cff",
  wfi: "#38c7a8",
  breakpoint: "#ff9f43",
  watch: "#ffd166",
  fatal: "#ff5c5c",
};
const INJECT_COLOR = "#ffd166";
const TIMER_COLOR = "#e0e6ee";
const NOTIFY_COLOR = "#ff79c6";
const DEVICE_ERROR_COLOR = "#ff2020";
/** How near the pointer must be to a mark for its tooltip, in CSS pixels. */
const HOVER_PX = 4;
/** Events kept per kind; beyond it the oldest half goes. */
const KEEP = 200_000;
/** Width of the lane labels; narrower on a narrow canvas (a phone), so the plot keeps room. */
const LABEL_W = 86;
const LABEL_W_NARROW = 62;
const NARROW = 520;
/** Space between two axis labels, in CSS pixels. */
const LABEL_GAP = 12;
const LANE_HART = 24;
const LANE = 18;
const AXIS = 20;

type Run = Extract<TimelineEvent, { kind: "run" }>;
type Exit = Extract<TimelineEvent, { kind: "exit" }>;
type Timer = Extract<TimelineEvent, { kind: "timer" }>;
type Inject = Extract<TimelineEvent, { kind: "inject" }>;
type Notify = Extract<TimelineEvent, { kind: "notify" }>;
type DeviceError = Extract<TimelineEvent, { kind: "device-error" }>;

/** First index whose t >= x, in an array sorted by t. */
function lowerBound(a: readonly { t: number }[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]!.t < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function keep<T>(a: T[]): void {
  if (a.length > KEEP) a.splice(0, a.length - KEEP / 2);
}

/** Decimals that resolve a tick spacing of `step` (a 1-2-5 step: 0.2 needs 1, 0.05 needs 2, 5 needs 0). */
const decimalsFor = (step: number) => Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));

/**
 * An axis label at `ms` for ticks `stepMs` apart: ms below 1 s, s above, with the decimals the
 * step needs in that unit, so that two ticks never print the same text.
 */
function axisLabel(ms: number, stepMs: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(decimalsFor(stepMs / 1000))} s` : `${ms.toFixed(decimalsFor(stepMs))} ms`;
}

export class Timeline {
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private vmNames: string[] = [];
  private runs: Run[] = [];
  private exits: Exit[] = [];
  private timers: Timer[] = [];
  private injects: Inject[] = [];
  private notifies: Notify[] = [];
  private deviceErrors: DeviceError[] = [];
  /** The last drawing's window and plot, to find what the pointer is over. */
  private drawn = { start: 0, span: 1, labelW: LABEL_W, plotW: 1 };
  /** The latest clock seen. */
  private clock = 0;
  /** Width of the visible window, in clock units. */
  span = 20 * CLOCK_PER_MS;
  /** Right edge of the window when not following. */
  private end = 0;
  follow = true;
  /** The window spans the whole run (0 to the latest clock). */
  private whole = false;
  private dirty = true;
  onFollowChange: (follow: boolean) => void = () => {};

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
    this.ctx = canvas.getContext("2d")!;
    let dragX: number | undefined;
    let dragEnd = 0;
    canvas.addEventListener("pointerdown", (e) => {
      dragX = e.clientX;
      dragEnd = this.viewEnd();
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener("pointermove", (e) => {
      if (dragX === undefined) {
        canvas.title = this.describe(e.offsetX, e.offsetY);
        return;
      }
      const plot = canvas.clientWidth - this.labelW();
      const moved = ((e.clientX - dragX) / plot) * this.span;
      if (this.whole) return;
      if (Math.abs(e.clientX - dragX) > 2) this.setFollow(false);
      if (!this.follow) {
        this.end = dragEnd - moved;
        this.dirty = true;
      }
    });
    canvas.addEventListener("pointerup", () => (dragX = undefined));
    canvas.addEventListener("dblclick", () => this.setFollow(true));
    const frame = () => {
      if (this.dirty) this.draw();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  setFollow(follow: boolean): void {
    if (follow === this.follow) return;
    if (!follow) this.end = this.viewEnd();
    this.follow = follow;
    this.dirty = true;
    this.onFollowChange(follow);
  }

  /** The window's width in ms of guest time; 0: the whole run. */
  setSpanMs(ms: number): void {
    this.whole = ms === 0;
    if (!this.whole) this.span = ms * CLOCK_PER_MS;
    this.dirty = true;
  }

  reset(vmNames: string[]): void {
    this.vmNames = vmNames;
    this.runs = [];
    this.exits = [];
    this.timers = [];
    this.injects = [];
    this.notifies = [];
    this.deviceErrors = [];
    this.clock = 0;
    this.end = 0;
    // A new run: follow it (a window kept from the last run would show nothing).
    this.setFollow(true);
    this.canvas.height = 0; // re-measured in draw()
    this.dirty = true;
  }

  /** The clock moved (a counter snapshot) without events. */
  setClock(clock: number): void {
    if (clock > this.clock) {
      this.clock = clock;
      if (this.follow || this.whole) this.dirty = true;
    }
  }

  /** Shows the whole run, every VM's lane from the start to the latest clock ("whole run"). */
  fit(): void {
    this.setSpanMs(0);
  }

  /** Shows the window that starts where the run started. */
  toStart(): void {
    this.setFollow(false);
    this.end = this.span;
    this.dirty = true;
  }

  add(clock: number, events: readonly TimelineEvent[]): void {
    for (const e of events) {
      if (e.kind === "run") this.runs.push(e);
      else if (e.kind === "exit") this.exits.push(e);
      else if (e.kind === "timer") this.timers.push(e);
      else if (e.kind === "inject") this.injects.push(e);
      else if (e.kind === "notify") this.notifies.push(e);
      else this.deviceErrors.push(e);
    }
    keep(this.runs);
    keep(this.exits);
    keep(this.timers);
    keep(this.injects);
    keep(this.notifies);
    keep(this.deviceErrors);
    if (clock > this.clock) this.clock = clock;
    this.dirty = true;
  }

  private labelW(): number {
    return this.canvas.clientWidth < NARROW ? LABEL_W_NARROW : LABEL_W;
  }

  /**
   * The axis ticks in [start, end]: the finest 1-2-5 spacing (in ms of guest time) whose widest
   * label still fits between two ticks, so labels neither overlap nor repeat.
   */
  private axisTicks(start: number, end: number, plotW: number): { t: number; label: string }[] {
    const spanMs = (end - start) / CLOCK_PER_MS;
    if (!(plotW > 0 && spanMs > 0)) return [];
    // From about 50 ticks in the window to one or none, eight decades on (a plot too narrow for any label).
    let decade = 10 ** Math.floor(Math.log10(spanMs / 50));
    for (let n = 0; n < 8; n++, decade *= 10) {
      for (const m of [1, 2, 5]) {
        const stepMs = m * decade;
        const step = stepMs * CLOCK_PER_MS;
        const ticks: { t: number; label: string }[] = [];
        for (let k = Math.max(0, Math.ceil(start / step)); k * step <= end; k++) ticks.push({ t: k * step, label: axisLabel((k * step) / CLOCK_PER_MS, stepMs) });
        const widest = Math.max(0, ...ticks.map((tick) => this.ctx.measureText(tick.label).width));
        if ((stepMs / spanMs) * plotW >= widest + LABEL_GAP) return ticks;
      }
    }
    return [];
  }

  /** The tooltip at (px, py), CSS pixels on the canvas: a device error's reason, a notification's queue. */
  private describe(px: number, py: number): string {
    const vm = Math.floor((py - LANE_HART - LANE) / LANE);
    const name = this.vmNames[vm];
    if (name === undefined || py < LANE_HART + LANE) return "";
    const { start, span, labelW, plotW } = this.drawn;
    const t = start + ((px - labelW) / plotW) * span;
    const near = HOVER_PX * (span / plotW);
    const at = <T extends { t: number; vm: number }>(a: readonly T[]) => {
      for (let k = lowerBound(a, t - near); k < a.length && a[k]!.t <= t + near; k++) if (a[k]!.vm === vm) return a[k];
      return undefined;
    };
    const error = at(this.deviceErrors);
    if (error) return `${name}: ${error.device} needs a reset: ${error.reason}`;
    const notify = at(this.notifies);
    if (notify) return `${name}: ${notify.device} queue ${notify.queue} notified`;
    return "";
  }

  private viewEnd(): number {
    return this.follow ? Math.max(this.clock, this.span) : this.end;
  }

  private draw(): void {
    this.dirty = false;
    const dpr = window.devicePixelRatio || 1;
    const cssW = this.canvas.clientWidth;
    const cssH = LANE_HART + LANE + LANE * this.vmNames.length + AXIS + 6;
    if (this.canvas.width !== Math.round(cssW * dpr) || this.canvas.height !== Math.round(cssH * dpr)) {
      this.canvas.width = Math.round(cssW * dpr);
      this.canvas.height = Math.round(cssH * dpr);
      this.canvas.style.height = `${cssH}px`;
    }
    const g = this.ctx;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, cssW, cssH);
    g.font = "11px system-ui, sans-serif";
    g.textBaseline = "middle";

    if (this.whole) this.span = Math.max(this.clock, CLOCK_PER_MS);
    const end = this.whole ? this.span : this.viewEnd();
    const start = end - this.span;
    const labelW = this.labelW();
    const plotW = cssW - labelW;
    const x = (t: number) => labelW + ((t - start) / this.span) * plotW;
    const visible = (t: number) => t >= start && t <= end;
    this.drawn = { start, span: this.span, labelW, plotW };

    // Lane backgrounds and labels.
    const lanes: { y: number; h: number; label: string; color?: string }[] = [{ y: 0, h: LANE_HART, label: "hart 0" }, { y: LANE_HART, h: LANE, label: "phys timer" }];
    this.vmNames.forEach((name, i) => lanes.push({ y: LANE_HART + LANE * (i + 1), h: LANE, label: name, color: VM_COLORS[i % VM_COLORS.length] }));
    lanes.forEach((lane, i) => {
      g.fillStyle = i % 2 ? "#1a1f26" : "#151a20";
      g.fillRect(labelW, lane.y, plotW, lane.h);
      g.fillStyle = lane.color ?? "#8a96a5";
      g.fillText(lane.label, 4, lane.y + lane.h / 2, labelW - 8);
    });

    // hart 0: who ran.
    for (let k = Math.max(0, lowerBound(this.runs, start) - 1); k < this.runs.length; k++) {
      const r = this.runs[k]!;
      if (r.t > end) break;
      if (r.end < start) continue;
      const x0 = Math.max(labelW, x(r.t));
      const x1 = Math.min(cssW, x(r.end));
      g.fillStyle = VM_COLORS[r.vm % VM_COLORS.length]!;
      g.fillRect(x0, 3, Math.max(1, x1 - x0), LANE_HART - 6);
    }

    // Physical timer: a tick where it was programmed, a ring at the deadline it was given.
    const ty = LANE_HART;
    for (let k = lowerBound(this.timers, start - 10 * this.span); k < this.timers.length; k++) {
      const e = this.timers[k]!;
      if (e.t > end) break;
      if (visible(e.t)) {
        g.fillStyle = TIMER_COLOR;
        g.fillRect(x(e.t), ty + 3, 1, LANE - 6);
      }
      if (e.deadline !== null && visible(e.deadline)) {
        g.strokeStyle = "#9aa6b5";
        g.beginPath();
        g.arc(x(e.deadline), ty + LANE / 2, 3, 0, 2 * Math.PI);
        g.stroke();
      }
    }

    // Per VM: exits and injections.
    const vmY = (vm: number) => LANE_HART + LANE * (vm + 1);
    for (let k = lowerBound(this.exits, start); k < this.exits.length; k++) {
      const e = this.exits[k]!;
      if (e.t > end) break;
      g.fillStyle = REASON_COLORS[e.reason] ?? "#ffffff";
      g.fillRect(x(e.t), vmY(e.vm) + 3, 1.5, LANE - 6);
    }
    for (let k = lowerBound(this.injects, start); k < this.injects.length; k++) {
      const e = this.injects[k]!;
      if (e.t > end) break;
      const cx = x(e.t);
      const y = vmY(e.vm);
      g.fillStyle = INJECT_COLOR;
      g.beginPath();
      g.moveTo(cx - 4, y + 1);
      g.lineTo(cx + 4, y + 1);
      g.lineTo(cx, y + 8);
      g.closePath();
      g.fill();
    }
    // virtio: a notification (always at an MMIO exit's tick) is a diamond low in the lane, so
    // the exit stays visible; a device error a red bar over the whole lane.
    let notified = 0;
    for (let k = lowerBound(this.notifies, start); k < this.notifies.length; k++) {
      const e = this.notifies[k]!;
      if (e.t > end) break;
      const cx = x(e.t);
      const cy = vmY(e.vm) + LANE - 5;
      g.fillStyle = NOTIFY_COLOR;
      g.beginPath();
      g.moveTo(cx, cy - 3);
      g.lineTo(cx + 3, cy);
      g.lineTo(cx, cy + 3);
      g.lineTo(cx - 3, cy);
      g.closePath();
      g.fill();
      notified++;
    }
    let errors = 0;
    for (let k = lowerBound(this.deviceErrors, start); k < this.deviceErrors.length; k++) {
      const e = this.deviceErrors[k]!;
      if (e.t > end) break;
      g.fillStyle = DEVICE_ERROR_COLOR;
      g.fillRect(x(e.t) - 1.5, vmY(e.vm), 3, LANE);
      errors++;
    }

    // Time axis, in ms of guest time.
    const axisY = cssH - AXIS - 6;
    g.strokeStyle = "#2a313b";
    g.beginPath();
    g.moveTo(labelW, axisY + 0.5);
    g.lineTo(cssW, axisY + 0.5);
    g.stroke();
    g.fillStyle = "#8a96a5";
    g.textAlign = "center";
    const labels: string[] = [];
    for (const { t, label } of this.axisTicks(start, end, plotW)) {
      const tx = x(t);
      g.fillRect(tx, axisY, 1, 4);
      // A label cut by the plot's edges is left out (its tick stays).
      const half = g.measureText(label).width / 2;
      if (tx - half < labelW || tx + half > cssW) continue;
      g.fillText(label, tx, axisY + 12);
      labels.push(label);
    }
    g.textAlign = "left";
    // What is on the canvas, for tests and tools: the axis labels, the window (ms), the lanes, and
    // how many virtio marks the window shows.
    const d = this.canvas.dataset;
    d.axisLabels = JSON.stringify(labels);
    d.view = `${start / CLOCK_PER_MS},${end / CLOCK_PER_MS}`;
    d.lanes = JSON.stringify(lanes.map((lane) => lane.label));
    d.marks = JSON.stringify({ notify: notified, deviceError: errors });
  }
}

/** The legend under the canvas. */
export function legendHtml(): string {
  const item = (color: string, label: string) => `<span><i style="background:${color}"></i>${label}</span>`;
  return [
    ...Object.entries(REASON_COLORS).map(([r, c]) => item(c, `exit: ${r}`)),
    item(INJECT_COLOR, "▼ interrupt injected"),
    item(NOTIFY_COLOR, "◆ virtio notify"),
    item(DEVICE_ERROR_COLOR, "virtio device error (hover: why)"),
    item(TIMER_COLOR, "| physical timer programmed (○ its deadline)"),
    `<span>hart 0: the VM that ran, in its color</span>`,
  ].join("");
}

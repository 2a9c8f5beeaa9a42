// The page: picks guests and their disks, drives the hypervisor's worker (protocol.ts), shows one
// xterm.js terminal and one block of live counters per VM, and the timeline (timeline.ts).

import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import { DEMO_GUESTS } from "./guests.js";
import { CLOCK_PER_MS, type BootMode, type Command, type DiskSpec, type Report, type RunStatus, type VmCounters, type VmInfo, type VmSpec } from "./protocol.js";
import { legendHtml, Timeline, VM_COLORS } from "./timeline.js";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
/** An element with properties (className, textContent, type, ...) and children. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e: HTMLElement = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e as HTMLElementTagNameMap[K];
}

const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
const send = (cmd: Command, transfer: Transferable[] = []) => worker.postMessage(cmd, transfer);

// ---- guest selection ----------------------------------------------------------------------

const demoBox = $("demo-guests");
for (const g of DEMO_GUESTS) {
  const box = el("input", { type: "checkbox", name: "guest", value: g.name, checked: g.checked });
  demoBox.append(el("label", {}, box, ` ${g.name}`, el("span", { className: "about", textContent: `${g.mode}${g.sstc ? " + Sstc" : ""} — ${g.about}` })));
}

interface Image {
  /** Stable while the list changes: disks name the image they are attached to by it. */
  id: number;
  name: string;
  bytes: ArrayBuffer;
  mode: BootMode;
  sstc: boolean;
  rng: boolean;
  hvc: boolean;
}
const images: Image[] = [];
let nextImageId = 0;

/** A disk image waiting for a start; `attach`: the guest that gets it ("demo:NAME", "image:ID" or ""). */
interface Disk {
  name: string;
  bytes: ArrayBuffer;
  readonly: boolean;
  attach: string;
}
const disks: Disk[] = [];

/** A first guess at the boot mode: ELF entry at the start of RAM, or a Linux Image header. */
function guessMode(bytes: Uint8Array): BootMode {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length > 0x40 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) {
    return view.getBigUint64(0x18, true) === 0x8000_0000n ? "firmware" : "kernel";
  }
  const magic2 = bytes.length > 0x40 ? view.getUint32(0x38, true) : 0;
  return magic2 === 0x0543_5352 /* "RSC\x05" */ ? "kernel" : "firmware";
}

function renderImages(): void {
  const list = $("image-list");
  list.replaceChildren(
    ...images.map((img, i) => {
      const mode = el("select", { title: "boot mode" });
      for (const m of ["firmware", "kernel"] as const) mode.append(el("option", { value: m, textContent: m === "firmware" ? "firmware (M-mode)" : "kernel (S-mode, SBI by the hypervisor)", selected: img.mode === m }));
      mode.onchange = () => (img.mode = mode.value as BootMode);
      const remove = el("button", { type: "button", textContent: "×", title: "remove" });
      remove.onclick = () => {
        images.splice(i, 1);
        renderImages();
      };
      return el(
        "li",
        {},
        el("strong", { textContent: img.name }),
        el("span", { className: "size", textContent: kib(img.bytes.byteLength) }),
        mode,
        toggle(img, "sstc", "Sstc", "the Sstc extension (stimecmp)"),
        toggle(img, "rng", "rng", "a virtio-rng"),
        toggle(img, "hvc", "hvc", "a virtio-console (hvc0), shown in the VM's terminal"),
        remove,
      );
    }),
  );
  renderDisks();
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

/** A labelled checkbox bound to a boolean field of `target`. */
function toggle<K extends string>(target: Record<K, boolean>, key: K, label: string, title: string): HTMLLabelElement {
  const box = el("input", { type: "checkbox", checked: target[key] });
  box.onchange = () => (target[key] = box.checked);
  return el("label", { title }, box, ` ${label}`);
}

async function addFiles(files: FileList | null): Promise<void> {
  for (const f of files ?? []) {
    const bytes = await f.arrayBuffer();
    images.push({ id: nextImageId++, name: f.name.replace(/\.[^.]*$/, "") || f.name, bytes, mode: guessMode(new Uint8Array(bytes)), sstc: false, rng: false, hvc: false });
  }
  renderImages();
}

/** A drop zone (`zone`, with its hidden file input `input`) that hands its files to `add`. */
function dropZone(zone: HTMLElement, input: HTMLInputElement, add: (files: FileList | null) => Promise<void>): void {
  input.onchange = () => void add(input.files).then(() => (input.value = ""));
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    void add(e.dataTransfer?.files ?? null);
  });
  zone.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") input.click();
  });
}

dropZone($("drop"), $<HTMLInputElement>("file"), addFiles);

// ---- disks ----------------------------------------------------------------------------------

/** The guests a disk can be attached to: every user image, then every demo guest. */
function attachTargets(): { key: string; label: string }[] {
  return [...images.map((img) => ({ key: `image:${img.id}`, label: img.name })), ...DEMO_GUESTS.map((g) => ({ key: `demo:${g.name}`, label: `${g.name} (demo)` }))];
}

function addDisk(name: string, bytes: ArrayBuffer): void {
  // The newest image is the likeliest user of a new disk (a kernel or a test guest).
  const last = images[images.length - 1];
  disks.push({ name, bytes, readonly: false, attach: last ? `image:${last.id}` : "" });
  renderDisks();
}

function renderDisks(): void {
  const targets = attachTargets();
  $("disk-list").replaceChildren(
    ...disks.map((disk, i) => {
      if (!targets.some((t) => t.key === disk.attach)) disk.attach = "";
      const attach = el("select", { title: "the guest that gets this disk (virtio-blk)" }, el("option", { value: "", textContent: "not attached" }));
      for (const t of targets) attach.append(el("option", { value: t.key, textContent: `→ ${t.label}`, selected: t.key === disk.attach }));
      attach.onchange = () => (disk.attach = attach.value);
      const remove = el("button", { type: "button", textContent: "×", title: "remove" });
      remove.onclick = () => {
        disks.splice(i, 1);
        renderDisks();
      };
      return el("li", {}, el("strong", { textContent: disk.name }), el("span", { className: "size", textContent: kib(disk.bytes.byteLength) }), attach, toggle(disk, "readonly", "read-only", "the guest may not write it (VIRTIO_BLK_F_RO)"), remove);
    }),
  );
}

async function addDiskFiles(files: FileList | null): Promise<void> {
  for (const f of files ?? []) addDisk(f.name, await f.arrayBuffer());
}

dropZone($("disk-drop"), $<HTMLInputElement>("disk-file"), addDiskFiles);

/** Fetches a disk image by URL (another origin must allow it: CORS, and CORP for isolation). */
async function fetchDisk(url: string): Promise<void> {
  const where = new URL(url, location.href);
  if (where.protocol !== "http:" && where.protocol !== "https:") throw new Error(`${url}: only http(s) URLs`);
  const response = await fetch(where);
  if (!response.ok) throw new Error(`cannot fetch ${url}: HTTP ${response.status}`);
  addDisk(decodeURIComponent(where.pathname.split("/").pop() ?? "") || "disk.img", await response.arrayBuffer());
}

const diskForm = $<HTMLFormElement>("disk-fetch");
diskForm.onsubmit = (e) => {
  e.preventDefault();
  const url = $<HTMLInputElement>("disk-url");
  $("error").textContent = "";
  fetchDisk(url.value.trim())
    .then(() => (url.value = ""))
    .catch((err: unknown) => ($("error").textContent = `disk: ${err instanceof Error ? err.message : String(err)}`));
};

/** The disks attached to guest `key`, as the worker gets them (copies: the page keeps its own). */
const disksOf = (key: string): DiskSpec[] => disks.filter((d) => d.attach === key).map((d) => ({ name: d.name, bytes: d.bytes.slice(0), readonly: d.readonly }));

function selectedVms(): VmSpec[] {
  const specs: VmSpec[] = [];
  const used = new Set<string>();
  const unique = (name: string) => {
    let n = name;
    for (let k = 2; used.has(n); k++) n = `${name}-${k}`;
    used.add(n);
    return n;
  };
  for (const box of demoBox.querySelectorAll<HTMLInputElement>("input[name=guest]:checked")) {
    const g = DEMO_GUESTS.find((d) => d.name === box.value)!;
    specs.push({ name: unique(g.name), image: { url: g.url }, mode: g.mode, sstc: g.sstc, disks: disksOf(`demo:${g.name}`) });
  }
  for (const img of images) {
    specs.push({ name: unique(img.name), image: { bytes: img.bytes.slice(0) }, mode: img.mode, sstc: img.sstc, disks: disksOf(`image:${img.id}`), rng: img.rng, virtioConsole: img.hvc });
  }
  return specs;
}

// ---- controls -------------------------------------------------------------------------------

const buttons = { start: $<HTMLButtonElement>("start"), pause: $<HTMLButtonElement>("pause"), resume: $<HTMLButtonElement>("resume"), step: $<HTMLButtonElement>("step"), reset: $<HTMLButtonElement>("reset") };
let status: RunStatus | "idle" | "starting" = "idle";

function setStatus(s: typeof status): void {
  // The run ended: show all of it, every VM's lane from the start.
  if (s === "done" && status !== "done") fitTimeline();
  if (s !== "paused") showStep(undefined);
  status = s;
  const badge = $("status");
  badge.textContent = s;
  badge.dataset.status = s;
  buttons.pause.disabled = s !== "running";
  buttons.resume.disabled = s !== "paused";
  buttons.step.disabled = s !== "running" && s !== "paused";
  buttons.reset.disabled = s === "idle" || s === "starting";
  // A disk is copied between slices; while the guest runs the copy would be stale at once.
  for (const v of views) for (const b of v.downloads) b.disabled = s !== "paused" && s !== "done";
}

buttons.start.onclick = () => {
  const vms = selectedVms();
  $("error").textContent = "";
  if (vms.length === 0) {
    $("error").textContent = "pick at least one guest";
    return;
  }
  setStatus("starting");
  send({ type: "start", vms }, vms.flatMap((v) => [...("bytes" in v.image ? [v.image.bytes] : []), ...(v.disks ?? []).map((d) => d.bytes)]));
};
buttons.pause.onclick = () => send({ type: "pause" });
buttons.resume.onclick = () => send({ type: "resume" });
buttons.step.onclick = () => send({ type: "step" });
buttons.reset.onclick = () => {
  $("error").textContent = "";
  send({ type: "reset" });
};

// ---- timeline ---------------------------------------------------------------------------------

const timeline = new Timeline($<HTMLCanvasElement>("timeline"));
const zoom = $<HTMLSelectElement>("zoom");
const follow = $<HTMLInputElement>("follow");
zoom.onchange = () => timeline.setSpanMs(Number(zoom.value));
follow.onchange = () => timeline.setFollow(follow.checked);
timeline.onFollowChange = (f) => (follow.checked = f);
$("timeline-start").onclick = () => timeline.toStart();
$("timeline-fit").onclick = () => fitTimeline();
function fitTimeline(): void {
  zoom.value = "0";
  timeline.fit();
}
timeline.setSpanMs(Number(zoom.value));
$("legend").innerHTML = legendHtml();

// ---- VMs: terminal and counters ---------------------------------------------------------------

/** What the last Step did, in the controls' line (cleared when the run goes on). */
function showStep(step: Extract<Report, { type: "step" }> | undefined): void {
  const info = $("step-info");
  if (!step) {
    info.textContent = "";
    delete info.dataset.instructions;
    return;
  }
  const ms = (clock: number) => `${(clock / CLOCK_PER_MS).toFixed(3)} ms`;
  const name = views[step.vm]?.name;
  info.textContent = name === undefined ? `step: idle, clock ${ms(step.from)} → ${ms(step.clock)}` : `step: ${name} ran ${num(step.instructions)} instructions, clock ${ms(step.from)} → ${ms(step.clock)}`;
  info.dataset.instructions = String(step.instructions);
  info.dataset.vm = name ?? "";
}

interface VmView {
  name: string;
  term: Terminal;
  mirror: HTMLElement;
  decoder: TextDecoder;
  state: HTMLElement;
  reason: HTMLElement;
  counters: Record<string, HTMLElement>;
  disks: VmInfo["disks"];
  downloads: HTMLButtonElement[];
  lastInstructions: number;
  lastAt: number;
}
let views: VmView[] = [];

const COUNTERS: [key: string, label: string, wide?: boolean][] = [
  ["instructions", "instructions"],
  ["mips", "host MIPS"],
  ["interrupts", "interrupts injected"],
  ["latency", "injection latency"],
  ["exits", "exits"],
  ["byReason", "by reason", true],
  ["mmio", "MMIO by device", true],
];
/** Counters of a VM with virtio devices. */
const VIRTIO_COUNTERS: typeof COUNTERS = [
  ["notifications", "virtio notifications"],
  ["virtioInterrupts", "virtio interrupts"],
  ["virtio", "by virtio device", true],
  ["deviceErrors", "device errors", true],
];

function createViews(vms: VmInfo[]): void {
  for (const v of views) v.term.dispose();
  const box = $("vms");
  box.replaceChildren();
  views = vms.map((vm, i) => {
    const state = el("span", { className: "state", textContent: "booting" });
    const counters: Record<string, HTMLElement> = {};
    const dl = el("dl", { className: "counters" });
    for (const [key, label, wide] of [...COUNTERS, ...(vm.virtio.length ? VIRTIO_COUNTERS : [])]) {
      const dd = el("dd", { textContent: "–", className: wide ? "wide" : "" });
      dd.dataset.counter = key;
      counters[key] = dd;
      dl.append(el("dt", { textContent: label }), dd);
    }
    const termBox = el("div", { className: "term" });
    const mirror = el("pre", { className: "mirror" });
    mirror.setAttribute("role", "log");
    mirror.setAttribute("aria-label", `${vm.name} console`);
    mirror.dataset.testid = `console-${vm.name}`;
    const reason = el("div", { className: "reason" });
    const downloads = vm.disks.map((disk, k) => {
      const b = el("button", { type: "button", className: "download", textContent: `download ${disk.name}`, title: "the disk as the guest left it (when paused or done)", disabled: true });
      b.onclick = () => send({ type: "disk", vm: i, disk: k });
      return b;
    });
    const diskLine = el("div", { className: "disks" }, ...vm.disks.flatMap((d, k) => [el("span", { textContent: `disk ${k}: ${d.name}${d.readonly ? " (read-only)" : ""}` }), downloads[k]!]));
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = VM_COLORS[i % VM_COLORS.length]!;
    const card = el(
      "article",
      { className: "vm" },
      el("div", { className: "vm-head" }, swatch, el("span", { className: "name", textContent: vm.name }), el("span", { className: "mode", textContent: `${vm.mode}${vm.sstc ? " + Sstc" : ""}` }), state),
      dl,
      ...(vm.disks.length ? [diskLine] : []),
      termBox,
      reason,
      mirror,
    );
    card.dataset.vm = vm.name;
    box.append(card);
    const term = new Terminal({ rows: 14, cols: 88, convertEol: true, fontSize: 12, scrollback: 2000, theme: { background: "#000000" } });
    term.open(termBox);
    new ResizeObserver(() => fitColumns(term, termBox)).observe(termBox);
    const encoder = new TextEncoder();
    term.onData((data) => {
      const bytes = encoder.encode(data);
      send({ type: "input", vm: i, bytes }, [bytes.buffer]);
    });
    return { name: vm.name, term, mirror, decoder: new TextDecoder(), state, reason, counters, disks: vm.disks, downloads, lastInstructions: 0, lastAt: performance.now() };
  });
  timeline.reset(vms.map((v) => v.name));
}

/** Room xterm keeps for its scrollbar, and the padding of .term. */
const TERM_SCROLLBAR = 14;
const TERM_PADDING = 8;

/** As many columns as fit the terminal's box: terminals reflow with the page (420 px phones too). */
function fitColumns(term: Terminal, box: HTMLElement): void {
  const screen = box.querySelector<HTMLElement>(".xterm-screen");
  const cell = screen ? screen.getBoundingClientRect().width / term.cols : 0;
  if (!(cell > 0)) return;
  const cols = Math.max(20, Math.floor((box.clientWidth - TERM_PADDING - TERM_SCROLLBAR) / cell));
  if (cols !== term.cols) term.resize(cols, term.rows);
}

const num = (n: number) => n.toLocaleString("en-US");
const us = (clock: number) => `${(clock / (CLOCK_PER_MS / 1000)).toFixed(1)} µs`;

function showCounters(vms: VmCounters[]): void {
  const now = performance.now();
  vms.forEach((c, i) => {
    const v = views[i];
    if (!v) return;
    const k = v.counters;
    if (!sharedCounters) k.instructions!.textContent = num(c.instructions);
    const dt = now - v.lastAt;
    if (c.state === "stopped") k.mips!.textContent = "–";
    else if (dt > 50) {
      k.mips!.textContent = ((c.instructions - v.lastInstructions) / dt / 1000).toFixed(1);
      v.lastInstructions = c.instructions;
      v.lastAt = now;
    }
    k.interrupts!.textContent = num(c.interrupts);
    k.latency!.textContent = c.latency.count ? `avg ${us(c.latency.avg)}, max ${us(c.latency.max)} (n=${c.latency.count})` : "–";
    const exits = Object.entries(c.exits).filter(([, s]) => s.count > 0);
    k.exits!.textContent = num(exits.reduce((n, [, s]) => n + s.count, 0));
    k.byReason!.textContent = exits.map(([r, s]) => `${r} ${num(s.count)}`).join(" · ") || "–";
    k.mmio!.textContent = Object.entries(c.mmioByDevice).map(([d, n]) => `${d} ${num(n)}`).join(" · ") || "–";
    if (k.virtio) showVirtio(k, c);
    const label = c.outcome ?? c.state;
    v.state.textContent = label;
    v.state.dataset.state = c.state;
    if (c.outcome) v.state.dataset.outcome = c.outcome;
    else delete v.state.dataset.outcome;
    v.reason.textContent = c.reason ?? "";
  });
}

function showVirtio(k: Record<string, HTMLElement>, c: VmCounters): void {
  k.notifications!.textContent = num(c.virtio.reduce((n, d) => n + d.notifications, 0));
  k.virtioInterrupts!.textContent = num(c.virtio.reduce((n, d) => n + d.interrupts, 0));
  k.virtio!.textContent = c.virtio.map(deviceLine).join(" · ");
  const errors = k.deviceErrors!;
  errors.textContent = c.deviceErrors ? `${num(c.deviceErrors)}: ${c.lastDeviceErrors.map((e) => `${e.device}: ${e.reason}`).join(" · ")}` : "0";
  errors.classList.toggle("error", c.deviceErrors > 0);
  errors.dataset.count = String(c.deviceErrors);
}

/** "virtio-blk0 2 notified, 2 interrupts, reads 1, bytesRead 512": the device's counters that moved. */
function deviceLine(d: VmCounters["virtio"][number]): string {
  const own = Object.entries(d).filter(([k, v]) => typeof v === "number" && v > 0 && k !== "notifications" && k !== "interrupts");
  return [`${d.name} ${num(d.notifications)} notified, ${num(d.interrupts)} interrupts`, ...own.map(([k, v]) => `${k} ${num(v as number)}`), ...(d.needsReset ? ["NEEDS RESET"] : [])].join(", ");
}

/** Hands bytes to the browser as a download named `name`. */
function save(name: string, bytes: ArrayBuffer): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: "application/octet-stream" }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken the Blob once the click's task is over.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// With cross-origin isolation the worker shares its memory: instruction counters are read in
// place every frame instead of waiting for the next stats message.
let sharedCounters: { view: DataView; blocks: number[]; retired: number } | undefined;

function readSharedCounters(): void {
  if (sharedCounters) {
    const { view, blocks, retired } = sharedCounters;
    blocks.forEach((block, i) => {
      const v = views[i];
      if (v) v.counters.instructions!.textContent = num(Number(view.getBigUint64(block + retired, true)));
    });
  }
  requestAnimationFrame(readSharedCounters);
}
requestAnimationFrame(readSharedCounters);

/**
 * Runs the worker's parallel check (an SMP guest on two hart threads, Web Workers of the
 * hypervisor's worker): `await rvisorParallelCheck()` in the console, or from a test.
 */
let parallelCheck: ((r: { ok: boolean; console: string }) => void) | undefined;
(globalThis as { rvisorParallelCheck?: () => Promise<{ ok: boolean; console: string }> }).rvisorParallelCheck = () =>
  new Promise((resolve) => {
    parallelCheck = resolve;
    send({ type: "parallel-check" });
  });

/** The same with the compiling tier forced on, in the hypervisor's worker: `await rvisorJitCheck()`. */
type JitCheck = { ok: boolean; console: string; instructions: number; translated: number };
let jitCheck: ((r: JitCheck) => void) | undefined;
(globalThis as { rvisorJitCheck?: () => Promise<JitCheck> }).rvisorJitCheck = () =>
  new Promise((resolve) => {
    jitCheck = resolve;
    send({ type: "jit-check" });
  });

worker.onmessage = (event: MessageEvent<Report>) => {
  const r = event.data;
  switch (r.type) {
    case "jit-check":
      jitCheck?.({ ok: r.ok, console: r.console, instructions: r.instructions, translated: r.translated });
      jitCheck = undefined;
      return;
    case "parallel-check":
      parallelCheck?.({ ok: r.ok, console: r.console });
      parallelCheck = undefined;
      return;
    case "memory":
      sharedCounters = { view: new DataView(r.buffer), blocks: r.blocks, retired: r.retiredOffset };
      $("sharing").textContent = "shared memory: counters read in place";
      $("sharing").dataset.shared = "yes";
      return;
    case "started":
      createViews(r.vms);
      $("clock").textContent = "";
      delete $("clock").dataset.clock;
      sharedCounters = undefined;
      $("sharing").textContent = crossOriginIsolated ? "shared memory: waiting" : "no cross-origin isolation: counters by message";
      $("sharing").dataset.shared = "no";
      return;
    case "slice":
      for (const { vm, bytes } of r.console) {
        const v = views[vm];
        if (!v) continue;
        v.term.write(bytes);
        v.mirror.textContent += v.decoder.decode(bytes, { stream: true });
      }
      timeline.add(r.clock, r.events);
      return;
    case "stats":
      showCounters(r.vms);
      timeline.setClock(r.clock);
      $("clock").textContent = `guest clock ${(r.clock / CLOCK_PER_MS).toFixed(1)} ms · ${num(r.exitCount)} exits`;
      $("clock").dataset.clock = String(r.clock / CLOCK_PER_MS);
      return;
    case "step":
      showStep(r);
      return;
    case "disk": {
      const disk = views[r.vm]?.disks[r.disk];
      if (disk) save(disk.name, r.bytes);
      return;
    }
    case "status":
      setStatus(r.status);
      return;
    case "error":
      $("error").textContent = r.message;
      if (status === "starting") setStatus("idle");
      return;
  }
};
worker.onerror = (e) => {
  $("error").textContent = `worker: ${e.message}`;
};

setStatus("idle");

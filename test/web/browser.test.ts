// The demo page in a real browser: builds web/ with Vite into dist-web/, serves it on 127.0.0.1,
// drives Debian's Chromium through playwright-core, and leaves a screenshot in
// artifacts/web-demo.png. Needs /usr/bin/chromium (apt-get install chromium); skipped without it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BAD_QUEUE_KNOWN_SECTOR, BAD_QUEUE_SCENARIOS, diskWith, hex16, patternSector, sameBytes, SECTOR, sectorOf, virtioGuest } from "../helpers/virtio-guests.js";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = join(ROOT, "dist-web");
const SCREENSHOT = join(ROOT, "artifacts", "web-demo.png");
const SCREENSHOT_NARROW = join(ROOT, "artifacts", "web-demo-420.png");
const SCREENSHOT_DISKS = join(ROOT, "artifacts", "web-disks.png");
const haveChromium = existsSync(CHROMIUM);
/** What the disks the page is given hold at sector 0 (blk-test prints its first 16 bytes). */
const HEAD = "rvisor web disk!";
if (!haveChromium) console.warn(`test/web: ${CHROMIUM} is missing (apt-get install chromium): the browser test is skipped`);

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".elf": "application/octet-stream",
  ".svg": "image/svg+xml",
  ".img": "application/octet-stream",
};

/** A static file server for dist-web/ on an ephemeral port of 127.0.0.1. */
function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = normalize(join(dir, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
      // Cross-origin isolation: the worker shares its memory with the page.
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** The console text of a VM, from the page's text mirror of its terminal. */
const consoleOf = (page: Page, vm: string) => page.locator(`[data-testid="console-${vm}"]`);
const counter = async (page: Page, vm: string, key: string) => (await page.locator(`[data-vm="${vm}"] [data-counter="${key}"]`).textContent()) ?? "";
const count = async (page: Page, vm: string, key: string) => Number((await counter(page, vm, key)).replace(/,/g, ""));
/** The guest clock the page shows, in ms (the #clock line's exact value). */
const clockMs = async (page: Page) => Number(await page.locator("#clock").getAttribute("data-clock"));
/** What the timeline canvas drew: its axis labels, its window [start, end] in ms, its lanes, its virtio marks. */
async function drawn(page: Page) {
  // Two frames: the canvas redraws in the next animation frame after a change.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const canvas = page.locator("#timeline");
  const [start, end] = ((await canvas.getAttribute("data-view")) ?? "").split(",").map(Number);
  return {
    labels: JSON.parse((await canvas.getAttribute("data-axis-labels")) ?? "[]") as string[],
    start: start!,
    end: end!,
    lanes: JSON.parse((await canvas.getAttribute("data-lanes")) ?? "[]") as string[],
    marks: JSON.parse((await canvas.getAttribute("data-marks")) ?? "{}") as { notify?: number; deviceError?: number },
  };
}
const pick = async (page: Page, guests: string[]) => {
  for (const box of await page.locator("input[name=guest]").all()) await box.setChecked(guests.includes((await box.getAttribute("value")) ?? ""));
};

describe.skipIf(!haveChromium)("the demo page in Chromium", () => {
  let server: Server;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
    server = await serve(DIST);
    userDataDir = mkdtempSync(join(tmpdir(), "rvisor-chromium-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: { width: 1400, height: 1100 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console error: ${m.text()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    server?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it("runs echo and tick-m side by side, shows their consoles, counters and timeline, and takes typing", async () => {
    const port = (server.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${port}/`);

    // Pick exactly tick-m and echo.
    for (const box of await page.locator("input[name=guest]").all()) {
      const want = ["tick-m", "echo"].includes((await box.getAttribute("value")) ?? "");
      await box.setChecked(want);
    }
    await page.click("#start");
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 30_000 }).toBe("running");
    // Served cross-origin isolated: the worker shares its memory and the page reads it in place.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect.poll(() => page.locator("#sharing").getAttribute("data-shared"), { timeout: 10_000 }).toBe("yes");

    // Both consoles: tick-m's summary after its 50 ticks (real time: ~50 ms), echo's prompt.
    await expect.poll(() => consoleOf(page, "tick-m").textContent(), { timeout: 30_000 }).toMatch(/tick-m: 50 ticks/);
    await expect.poll(() => consoleOf(page, "echo").textContent(), { timeout: 30_000 }).toContain("echo> ");
    // The terminal itself shows them too (xterm's DOM rows).
    await expect.poll(() => page.locator('[data-vm="echo"] .xterm-rows').textContent(), { timeout: 10_000 }).toContain("echo>");

    // Counters: tick-m took its 50 injected timer interrupts through CLINT exits and passed.
    await expect.poll(() => counter(page, "tick-m", "interrupts"), { timeout: 10_000 }).toBe("50");
    expect(await count(page, "tick-m", "instructions")).toBeGreaterThan(1000);
    expect(await counter(page, "tick-m", "byReason")).toMatch(/mmio \d/);
    expect(await counter(page, "tick-m", "mmio")).toMatch(/clint \d/);
    expect(await counter(page, "tick-m", "latency")).toMatch(/avg .* µs/);
    // No virtio devices, no virtio counters and no disk line.
    expect(await page.locator('[data-vm="tick-m"] [data-counter="notifications"], [data-vm="tick-m"] .disks').count()).toBe(0);
    await expect.poll(() => page.locator('[data-vm="tick-m"] .state').textContent(), { timeout: 10_000 }).toBe("pass");
    // echo sleeps in wfi, waiting for the UART; the guest clock keeps moving (real time).
    await expect.poll(() => page.locator('[data-vm="echo"] .state').textContent(), { timeout: 10_000 }).toBe("waiting");
    const clock0 = await page.locator("#clock").textContent();
    await expect.poll(() => page.locator("#clock").textContent(), { timeout: 10_000 }).not.toBe(clock0);
    const echoInsns = await count(page, "echo", "instructions");
    const echoExits = await count(page, "echo", "exits");

    // Type into echo's terminal: the keys go to its UART, its RX interrupt wakes it.
    await page.locator('[data-vm="echo"] .xterm').click();
    await page.keyboard.type("hi\n");
    await expect.poll(() => consoleOf(page, "echo").textContent(), { timeout: 30_000 }).toContain("echo: hi");
    await expect.poll(() => count(page, "echo", "instructions"), { timeout: 10_000 }).toBeGreaterThan(echoInsns);
    // Exit counts arrive with the next stats message (instructions are read from shared memory).
    await expect.poll(() => count(page, "echo", "exits"), { timeout: 10_000 }).toBeGreaterThan(echoExits);
    await expect.poll(() => page.locator('[data-vm="echo"] .xterm-rows').textContent(), { timeout: 10_000 }).toContain("echo: hi");

    // Pause, step, resume.
    await page.click("#pause");
    await expect.poll(() => page.locator("#status").textContent()).toBe("paused");
    await page.click("#step");
    await page.click("#resume");
    await expect.poll(() => page.locator("#status").textContent()).toBe("running");

    // The timeline canvas has something drawn on it (VM spans in the hart lane, marks).
    const painted = await page.locator("#timeline").evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      const colors = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 7) colors.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return { width: c.width, height: c.height, colors: colors.size };
    });
    expect(painted.width).toBeGreaterThan(100);
    expect(painted.colors).toBeGreaterThan(5);

    // Show the start of the run in the screenshot: the window that holds tick-m's ticks.
    await page.selectOption("#zoom", "100");
    await page.click("#timeline-start");
    await page.waitForTimeout(300);
    mkdirSync(join(ROOT, "artifacts"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(problems).toEqual([]);
  });

  it("runs an SMP guest on a parallel hypervisor: its hart threads are Web Workers of the hypervisor's worker", async () => {
    const port = (server.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${port}/`);
    const r = await page.evaluate(() => (globalThis as unknown as { rvisorParallelCheck(): Promise<{ ok: boolean; console: string }> }).rvisorParallelCheck());
    expect(r.console).toContain("smp-m: check-in: 4 harts (from /cpus), mhartid distinct ok");
    expect(r.console).toContain("smp-m: lr/sc lock: 4 harts x 10000 = 40000 ok");
    expect(r.ok, r.console).toBe(true);
  }, 60_000);

  it("runs guest code translated to WebAssembly in the hypervisor's worker (the compiling tier)", async () => {
    const port = (server.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${port}/`);
    type JitCheck = { ok: boolean; console: string; instructions: number; translated: number };
    const r = await page.evaluate(() => (globalThis as unknown as { rvisorJitCheck(): Promise<JitCheck> }).rvisorJitCheck());
    expect(r.console).toContain("smp-m: lr/sc lock: 4 harts x 10000 = 40000 ok");
    expect(r.ok, r.console).toBe(true);
    expect(r.translated / r.instructions).toBeGreaterThan(0.3);
  }, 60_000);

  it("pauses guest time, steps one slice and shows its instructions, resumes where the clock stopped", async () => {
    // cpu-bound always wants the hart (so a step runs guest code); echo keeps the run going.
    await pick(page, ["cpu-bound", "echo"]);
    await page.click("#start");
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 30_000 }).toBe("running");
    // Past 1 s of guest time, where 0.2-ms ticks printed in seconds once all read "1.1 s".
    await expect.poll(() => clockMs(page), { timeout: 30_000 }).toBeGreaterThan(1100);

    await page.click("#pause");
    await expect.poll(() => page.locator("#status").textContent()).toBe("paused");

    // Axis labels are pairwise distinct at every zoom.
    for (const zoom of ["2", "5", "20", "100", "1000", "10000", "0"]) {
      await page.selectOption("#zoom", zoom);
      const { labels } = await drawn(page);
      expect(labels.length, `zoom ${zoom}: ${labels}`).toBeGreaterThanOrEqual(2);
      expect(new Set(labels).size, `zoom ${zoom}: ${labels}`).toBe(labels.length);
    }
    await page.selectOption("#zoom", "20");

    // Paused, the guest clock stands still (read after some frames: counters are read per frame).
    const c0 = await clockMs(page);
    const insns0 = await count(page, "cpu-bound", "instructions");
    await page.waitForTimeout(300);
    expect(await clockMs(page)).toBe(c0);
    expect(await count(page, "cpu-bound", "instructions")).toBe(insns0);

    // Step: one scheduling step, one quantum of cpu-bound; the page says how many instructions.
    await page.click("#step");
    await expect.poll(() => page.locator("#step-info").getAttribute("data-instructions")).not.toBeNull();
    const stepped = Number(await page.locator("#step-info").getAttribute("data-instructions"));
    expect(stepped).toBeGreaterThan(0);
    expect(stepped).toBeLessThanOrEqual(100_000);
    expect(await page.locator("#step-info").textContent()).toMatch(/^step: cpu-bound ran [\d,]+ instructions/);
    expect(await page.locator("#status").textContent()).toBe("paused");
    await expect.poll(() => clockMs(page)).toBeGreaterThan(c0);
    const c1 = await clockMs(page);
    // One quantum is 1 ms of guest time, not the 300 ms that passed on the host.
    expect(c1 - c0).toBeLessThan(20);
    await expect.poll(() => count(page, "cpu-bound", "instructions")).toBe(insns0 + stepped);
    await expect.poll(async () => (await drawn(page)).end).toBeCloseTo(c1, 3);

    // Resume after another 300 ms: the clock goes on from c1, no jump by the paused time.
    await page.waitForTimeout(300);
    const resumedAt = performance.now();
    await page.click("#resume");
    await expect.poll(() => page.locator("#status").textContent()).toBe("running");
    expect(await page.locator("#step-info").textContent()).toBe("");
    await expect.poll(() => clockMs(page)).not.toBe(c1);
    const c2 = await clockMs(page);
    expect(c2).toBeGreaterThan(c1);
    // Guest time since the resume is at most the wall time since it (plus the 1 ms lead real time
    // allows): the 300 ms paused are not in it, however slowly the page reports its clock.
    expect(c2 - c1).toBeLessThanOrEqual(performance.now() - resumedAt + 5);

    // Fit: the whole run, every VM's lane.
    await page.click("#timeline-fit");
    expect(await page.locator("#zoom").inputValue()).toBe("0");
    const fit = await drawn(page);
    expect(fit.start).toBe(0);
    expect(fit.end).toBeGreaterThanOrEqual(c2);
    expect(fit.lanes).toEqual(["hart 0", "phys timer", "cpu-bound", "echo"]);

    // 420 px wide: nothing sticks out, terminals refit their columns, the timeline fits.
    await page.setViewportSize({ width: 420, height: 900 });
    await page.selectOption("#zoom", "100");
    await page.waitForTimeout(300);
    const narrow = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      canvas: document.getElementById("timeline")!.getBoundingClientRect().right,
      terms: [...document.querySelectorAll(".term")].map((t) => ({ box: t.getBoundingClientRect().right, screen: t.querySelector(".xterm-screen")!.getBoundingClientRect().right })),
      controls: Math.max(...[...document.querySelectorAll("#controls > *, .timeline-head > *")].map((e) => e.getBoundingClientRect().right)),
    }));
    expect(narrow.scrollWidth).toBeLessThanOrEqual(420);
    expect(narrow.canvas).toBeLessThanOrEqual(420);
    expect(narrow.controls).toBeLessThanOrEqual(420);
    expect(narrow.terms).toHaveLength(2);
    for (const t of narrow.terms) {
      expect(t.box).toBeLessThanOrEqual(420);
      expect(t.screen).toBeLessThanOrEqual(t.box);
    }
    const { labels } = await drawn(page);
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(new Set(labels).size).toBe(labels.length);
    mkdirSync(join(ROOT, "artifacts"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT_NARROW, fullPage: true });
    await page.setViewportSize({ width: 1400, height: 1100 });
    expect(problems).toEqual([]);
  });

  it("boots images given through the file input, guessing their boot mode", async () => {
    for (const box of await page.locator("input[name=guest]").all()) await box.setChecked(false);
    await page.setInputFiles("#file", [join(ROOT, "guests/demo/hello.elf"), join(ROOT, "guests/demo/tick-s.elf")]);
    await expect.poll(() => page.locator("#image-list li").count()).toBe(2);
    // hello enters at 0x8000_0000 (firmware); tick-s at 0x8020_0000 (a kernel, SBI from the hypervisor).
    expect(await page.locator("#image-list li select").evaluateAll((s) => s.map((e) => (e as HTMLSelectElement).value))).toEqual(["firmware", "kernel"]);
    await page.click("#start");
    await expect.poll(() => consoleOf(page, "hello").textContent(), { timeout: 30_000 }).toMatch(/hello: M-mode on hart 0/);
    await expect.poll(() => consoleOf(page, "tick-s").textContent(), { timeout: 30_000 }).toMatch(/tick-s: 50 ticks, .*timer sbi/);
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 30_000 }).toBe("done");
    expect(await counter(page, "tick-s", "byReason")).toMatch(/hypercall \d/);
    // The run ended: the timeline shows all of it, every VM's lane.
    expect(await page.locator("#zoom").inputValue()).toBe("0");
    const view = await drawn(page);
    expect(view.start).toBe(0);
    expect(view.end).toBeCloseTo(await clockMs(page), 3);
    expect(view.lanes).toEqual(["hart 0", "phys timer", "hello", "tick-s"]);
    expect(problems).toEqual([]);
  });

  it("attaches disks (a fetched URL, chosen files, read-only), marks virtio notifications and device errors, downloads what the guests wrote", async () => {
    await pick(page, []);
    while ((await page.locator("#image-list li").count()) > 0) await page.locator("#image-list li button").first().click();
    // 64 KiB (128 sectors: blk-test needs 64, bad-queue writes up to sector 64 + 25), a text at sector 0.
    const disk = diskWith(64 << 10, HEAD);
    writeFileSync(join(DIST, "disk-a.img"), disk);
    const elf = (name: string, as = name) => ({ name: as, mimeType: "application/octet-stream", buffer: Buffer.from(virtioGuest(name)) });
    await page.setInputFiles("#file", [elf("blk-test.elf"), elf("blk-test.elf", "blk-ro.elf"), elf("bad-queue.elf")]);
    await expect.poll(() => page.locator("#image-list li").count()).toBe(3);
    // blk-ro also gets a virtio-rng (after its disk: the disk stays in slot 0).
    await page.locator("#image-list li").nth(1).getByLabel("rng").check();
    // disk-a by URL, fetched by the page; disk-b and disk-c through the file input.
    const port = (server.address() as AddressInfo).port;
    await page.fill("#disk-url", `http://127.0.0.1:${port}/disk-a.img`);
    await page.click("#disk-fetch button");
    await expect.poll(() => page.locator("#disk-list li").count()).toBe(1);
    const file = (name: string) => ({ name, mimeType: "application/octet-stream", buffer: Buffer.from(disk) });
    await page.setInputFiles("#disk-file", [file("disk-b.img"), file("disk-c.img")]);
    await expect.poll(() => page.locator("#disk-list li").count()).toBe(3);
    expect(await page.locator("#disk-list li strong").allTextContents()).toEqual(["disk-a.img", "disk-b.img", "disk-c.img"]);
    expect(await page.locator("#disk-list li .size").allTextContents()).toEqual(["64 KiB", "64 KiB", "64 KiB"]);
    const disks = page.locator("#disk-list li");
    await disks.nth(0).locator("select").selectOption({ label: "→ blk-test" });
    await disks.nth(1).locator("select").selectOption({ label: "→ blk-ro" });
    await disks.nth(1).getByLabel("read-only").check();
    await disks.nth(2).locator("select").selectOption({ label: "→ bad-queue" });

    await page.click("#start");
    await expect.poll(() => page.locator("#status").textContent(), { timeout: 60_000 }).toBe("done");
    for (const vm of ["blk-test", "blk-ro", "bad-queue"]) expect(await page.locator(`[data-vm="${vm}"] .state`).textContent(), vm).toBe("pass");
    // blk-test read the fetched disk's sector 0; blk-ro found its disk read-only, beside the rng.
    expect(await consoleOf(page, "blk-test").textContent()).toContain(`blk-test: sector 0: ${hex16(disk)}\n`);
    expect(await consoleOf(page, "blk-ro").textContent()).toMatch(/blk-test: virtio-blk in slot 0, capacity 128 sectors, .*read-only/);
    expect(await page.locator('[data-vm="blk-ro"] .disks').textContent()).toContain("disk 0: disk-b.img (read-only)");

    // Counters: each VM's notifications and interrupts, per device; bad-queue's device errors, with why.
    const notified = async (vm: string) => count(page, vm, "notifications");
    expect(await notified("blk-test")).toBeGreaterThan(10);
    expect(await count(page, "blk-test", "virtioInterrupts")).toBeGreaterThan(0);
    expect(await counter(page, "blk-test", "virtio")).toMatch(/^virtio-blk0 [\d,]+ notified, [\d,]+ interrupts, reads \d+, writes \d+/);
    expect(await counter(page, "blk-test", "deviceErrors")).toBe("0");
    expect(await counter(page, "blk-ro", "virtio")).toMatch(/^virtio-blk0 .* · virtio-rng0 0 notified, 0 interrupts$/);
    const errors = page.locator('[data-vm="bad-queue"] [data-counter="deviceErrors"]');
    expect(Number(await errors.getAttribute("data-count"))).toBe(BAD_QUEUE_SCENARIOS);
    expect(await errors.textContent()).toMatch(new RegExp(`^${BAD_QUEUE_SCENARIOS}: virtio-blk0: `));
    expect(await errors.getAttribute("class")).toContain("error");

    // The timeline (the whole run, shown when it ended): a mark per notification and per device error.
    const view = await drawn(page);
    expect(view.lanes).toEqual(["hart 0", "phys timer", "blk-test", "blk-ro", "bad-queue"]);
    const all = (await notified("blk-test")) + (await notified("blk-ro")) + (await notified("bad-queue"));
    expect(view.marks).toEqual({ notify: all, deviceError: BAD_QUEUE_SCENARIOS });
    expect(await page.locator("#legend").textContent()).toContain("virtio notify");
    // Hovering a device error's mark shows its reason (a sweep along bad-queue's lane, in steps
    // finer than the hover distance).
    const box = (await page.locator("#timeline").boundingBox())!;
    const laneY = box.y + 24 + 18 * 3 + 9; // below the hart, timer, blk-test and blk-ro lanes
    let title = "";
    for (let x = 86; x < box.width && !title.includes("needs a reset"); x += 6) {
      await page.mouse.move(box.x + x, laneY);
      title = (await page.locator("#timeline").getAttribute("title")) ?? "";
    }
    expect(title).toMatch(/^bad-queue: virtio-blk0 needs a reset: ./);

    // Downloads, named as given: disk-a as blk-test left it (its pattern in sectors 32-48, nothing
    // else), disk-b unchanged (read-only), disk-c with bad-queue's acknowledged writes.
    const download = async (vm: string) => {
      const [file] = await Promise.all([page.waitForEvent("download"), page.click(`[data-vm="${vm}"] button.download`)]);
      return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path())!)) };
    };
    const a = await download("blk-test");
    expect(a.name).toBe("disk-a.img");
    const expected = disk.slice();
    for (let s = 32; s <= 48; s++) expected.set(patternSector(s), s * SECTOR);
    expect(sameBytes(a.bytes, expected)).toBe(true);
    const b = await download("blk-ro");
    expect(b.name).toBe("disk-b.img");
    expect(sameBytes(b.bytes, disk)).toBe(true);
    const c = await download("bad-queue");
    expect(c.name).toBe("disk-c.img");
    expect(sectorOf(c.bytes, BAD_QUEUE_KNOWN_SECTOR)).toEqual(patternSector(BAD_QUEUE_KNOWN_SECTOR));
    expect(sectorOf(c.bytes, 0)).toEqual(sectorOf(disk, 0));
    mkdirSync(join(ROOT, "artifacts"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT_DISKS, fullPage: true });
    expect(problems).toEqual([]);
  });
});

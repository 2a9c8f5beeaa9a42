// The demo page in a real browser: builds web/ with Vite into dist-web/, serves it on 127.0.0.1,
// drives Debian's Chromium through playwright-core, and leaves a screenshot in
// artifacts/web-demo.png. Needs /usr/bin/chromium (apt-get install chromium); skipped without it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = join(ROOT, "dist-web");
const SCREENSHOT = join(ROOT, "artifacts", "web-demo.png");
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`test/web: ${CHROMIUM} is missing (apt-get install chromium): the browser test is skipped`);

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".elf": "application/octet-stream",
  ".svg": "image/svg+xml",
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
    expect(problems).toEqual([]);
  });
});

// Building difftest programs with Debian's riscv64-unknown-elf-gcc and running them on QEMU.
import { execFile, spawn } from "node:child_process";
import { open, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const execFileP = promisify(execFile);

const LINK_SCRIPT = fileURLToPath(new URL("../../../guests/common/link.ld", import.meta.url));

export const GCC = process.env.DIFFTEST_GCC ?? "riscv64-unknown-elf-gcc";
export const QEMU = process.env.DIFFTEST_QEMU ?? "qemu-system-riscv64";

/** Assembles and links `source` into dir/name.elf; returns the ELF's path. The F/D difftest passes
 *  an `march` with F and D (no libgcc is linked, so the multilib choice does not matter). */
export async function buildProgram(source: string, dir: string, name: string, march = "rv64imac_zicsr_zifencei"): Promise<string> {
  const asm = join(dir, `${name}.S`);
  const elf = join(dir, `${name}.elf`);
  await writeFile(asm, source);
  try {
    await execFileP(GCC, [
      `-march=${march}`,
      "-mabi=lp64",
      "-mcmodel=medany",
      "-nostdlib",
      "-nostartfiles",
      "-T",
      LINK_SCRIPT,
      "-Wl,--no-relax",
      "-Wl,--build-id=none",
      asm,
      "-o",
      elf,
    ]);
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`assembling ${asm} failed:\n${(err.stderr ?? err.message).slice(0, 4000)}`);
  }
  return elf;
}

export interface QemuResult {
  stdout: string;
  stderr: string;
  code: number | null;
  timedOut: boolean;
}

/**
 * Runs an HTIF program on `qemu-system-riscv64 -machine spike` and returns its console output.
 * The console goes to a file, not a pipe, so QEMU never stalls while the test's event loop is busy
 * running the core.
 */
export async function runQemu(elf: string, timeoutMs: number): Promise<QemuResult> {
  const outPath = `${elf}.qemu.out`;
  const outFile = await open(outPath, "w");
  try {
    const { code, timedOut, stderr } = await new Promise<{ code: number | null; timedOut: boolean; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(
          QEMU,
          ["-machine", "spike", "-smp", "1", "-m", "128M", "-nographic", "-bios", "none", "-kernel", elf],
          { stdio: ["ignore", outFile.fd, "pipe"] },
        );
        const err: Buffer[] = [];
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          child.kill("SIGKILL");
        }, timeoutMs);
        child.stderr?.on("data", (b: Buffer) => err.push(b));
        child.on("error", (e) => {
          clearTimeout(timer);
          reject(e);
        });
        child.on("close", (code) => {
          clearTimeout(timer);
          resolve({ code, timedOut, stderr: Buffer.concat(err).toString("latin1") });
        });
      },
    );
    return { stdout: await readFile(outPath, "latin1"), stderr, code, timedOut };
  } finally {
    await outFile.close();
  }
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}

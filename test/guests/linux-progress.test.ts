import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// guests/linux/progress.sh, which build.sh runs every step through: the output goes to the log,
// and a step that runs long says how far it got every PROGRESS_SECONDS.
const PROGRESS = fileURLToPath(new URL("../../guests/linux/progress.sh", import.meta.url));

describe("run_with_progress (guests/linux/build.sh)", () => {
  it("logs the command's output and prints a progress line per interval, counting kbuild's CC lines", () => {
    const dir = mkdtempSync(join(tmpdir(), "rvisor-progress-"));
    try {
      const log = join(dir, "build.log");
      writeFileSync(log, "  CC      from/an/earlier/step.o\n");
      // A fake make: 8 compile steps 0.5 s apart, then a link.
      const make = 'for i in 1 2 3 4 5 6 7 8; do echo "  CC      kernel/f$i.o"; sleep 0.5; done; echo "  LD      vmlinux"';
      const r = spawnSync("bash", ["-c", `. "${PROGRESS}"; PROGRESS_SECONDS=1 run_with_progress "${log}" bash -c '${make}' Image; echo "status $?"`], { encoding: "utf8" });
      expect(r.stdout).toBe("status 0\n");
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines.length).toBeLessThanOrEqual(5);
      for (const l of lines) expect(l).toMatch(/^build\.sh: Image: \d+ s, [1-8] files compiled, last: CC kernel\/f[1-8]\.o$/);
      expect(readFileSync(log, "utf8")).toMatch(/^  CC      from\/an\/earlier\/step\.o\n  CC      kernel\/f1\.o\n[^]*  LD      vmlinux\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("returns the command's failure and prints nothing for a quick step", () => {
    const dir = mkdtempSync(join(tmpdir(), "rvisor-progress-"));
    try {
      const log = join(dir, "build.log");
      writeFileSync(log, "");
      const r = spawnSync("bash", ["-c", `. "${PROGRESS}"; run_with_progress "${log}" sh -c 'echo oops; exit 3' || echo "status $?"`], { encoding: "utf8" });
      expect(r.stdout).toBe("status 3\n");
      expect(r.stderr).toBe("");
      expect(readFileSync(log, "utf8")).toBe("oops\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

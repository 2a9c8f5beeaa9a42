import { defineConfig } from "vitest/config";

// Two suites: "unit" needs only Node (npm test); "qemu" needs Debian's QEMU and the RISC-V
// cross toolchain (npm run test:qemu, installed by .ci/run). The core is compiled once in
// globalSetup, not per file: one asc run costs seconds.
export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/qemu/**"] },
      },
      {
        extends: true,
        test: { name: "qemu", include: ["test/qemu/**/*.test.ts"], testTimeout: 300_000 },
      },
    ],
  },
});

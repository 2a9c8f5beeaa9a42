import { defineConfig } from "vitest/config";

// Three suites: "unit" needs only Node (npm test); "qemu" needs Debian's QEMU and the RISC-V
// cross toolchain (npm run test:qemu, installed by .ci/run); "web" builds the demo page and drives
// it in Debian's Chromium through playwright-core (npm run test:web). The core is compiled once in
// globalSetup, not per file: one asc run costs seconds.
export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/qemu/**", "test/web/**"] },
      },
      {
        extends: true,
        test: { name: "qemu", include: ["test/qemu/**/*.test.ts"], testTimeout: 300_000 },
      },
      {
        extends: true,
        test: { name: "web", include: ["test/web/**/*.test.ts"], testTimeout: 120_000 },
      },
    ],
  },
});

// The demo guests the package ships (guests/demo/*.elf; guests/demo/Makefile says what each one
// does), by name: so that a program outside this repository (an example copied elsewhere) finds
// them in the installed package, in Node (file: URLs) and in browsers (fetched).

import { fetchBytes } from "./core/loader.js";
import { ArgumentError } from "./errors.js";

export const DEMO_GUESTS = ["hello.elf", "echo.elf", "cpu-bound.elf", "tick-m.elf", "tick-s.elf", "tick-sstc.elf", "htif-fail.elf", "tiny-os.elf"] as const;
export type DemoGuestName = (typeof DEMO_GUESTS)[number];

/**
 * The package's root (where package.json and guests/ are). This module runs as
 * dist/src/demo-guests.js when built (the package) and as src/demo-guests.ts from the sources
 * (tests, the web demo's dev server): one directory level apart.
 */
export function packageRoot(): URL {
  return new URL(import.meta.url.endsWith("/dist/src/demo-guests.js") ? "../../" : "../", import.meta.url);
}

/** Where the demo guest `name` is: guests/demo/ at the package's root. */
export function demoGuestUrl(name: DemoGuestName): URL {
  if (!DEMO_GUESTS.includes(name)) {
    throw new ArgumentError(`no demo guest named ${JSON.stringify(name)}: there are ${DEMO_GUESTS.join(", ")}`);
  }
  return new URL(`guests/demo/${name}`, packageRoot());
}

/** The bytes of the demo guest `name` (an ELF), e.g. for `vm.loadElf()` or `runElf()`. */
export async function demoGuest(name: DemoGuestName): Promise<Uint8Array> {
  return new Uint8Array(await fetchBytes(demoGuestUrl(name)));
}

// The demo guests the page offers, embedded as asset URLs (Vite `?url`): the worker fetches
// them; the page shows the list. See guests/demo/Makefile for what each one does.
import tickM from "../guests/demo/tick-m.elf?url";
import tickS from "../guests/demo/tick-s.elf?url";
import tickSstc from "../guests/demo/tick-sstc.elf?url";
import cpuBound from "../guests/demo/cpu-bound.elf?url";
import hello from "../guests/demo/hello.elf?url";
import echo from "../guests/demo/echo.elf?url";
import type { BootMode } from "./protocol.js";

export interface DemoGuest {
  name: string;
  url: string;
  mode: BootMode;
  sstc: boolean;
  /** Checked when the page opens. */
  checked: boolean;
  about: string;
}

export const DEMO_GUESTS: readonly DemoGuest[] = [
  { name: "tick-m", url: tickM, mode: "firmware", sstc: false, checked: true, about: "M-mode, CLINT mtimecmp stores: an MMIO exit each (trap & emulate)" },
  { name: "tick-s", url: tickS, mode: "kernel", sstc: false, checked: true, about: "S-mode, sbi_set_timer: one hypercall per tick (paravirtualization)" },
  { name: "tick-sstc", url: tickSstc, mode: "kernel", sstc: true, checked: true, about: "S-mode with Sstc, writes stimecmp itself: no exit (hardware assistance)" },
  { name: "cpu-bound", url: cpuBound, mode: "firmware", sstc: false, checked: true, about: "M-mode sieve: competes for the hart all the time" },
  { name: "hello", url: hello, mode: "firmware", sstc: false, checked: false, about: "M-mode: one UART line, then exit" },
  { name: "echo", url: echo, mode: "firmware", sstc: false, checked: false, about: "M-mode: type into its terminal; UART RX interrupt via the PLIC" },
];

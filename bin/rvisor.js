#!/usr/bin/env node
// Entry point of `npx rvisor`: the compiled CLI in dist/.
import { main } from "../dist/src/cli/cli.js";

const out = (s) => process.stdout.write(s);
const err = (s) => process.stderr.write(s);
// Standard input becomes the first guest's console input (a terminal in raw mode for the run).
const input = process.stdin;
main(process.argv.slice(2), out, err, input).then(
  (code) => {
    process.exitCode = code;
    // Nothing may keep the process alive once the guests are done: not a stdin still open.
    input.destroy();
  },
  (e) => {
    process.stderr.write(`rvisor: internal error: ${e?.stack ?? e}\n`);
    process.exitCode = 70;
    input.destroy();
  },
);

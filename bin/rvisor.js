#!/usr/bin/env node
// Entry point of `npx rvisor`: the compiled CLI in dist/.
import { main } from "../dist/src/cli.js";

const out = (s) => process.stdout.write(s);
const err = (s) => process.stderr.write(s);
// Piped input becomes the first guest's console input; a terminal stays the host's.
const input = process.stdin.isTTY ? undefined : process.stdin;
main(process.argv.slice(2), out, err, input).then(
  (code) => {
    process.exitCode = code;
    input?.destroy();
  },
  (e) => { process.stderr.write(`rvisor: internal error: ${e?.stack ?? e}\n`); process.exitCode = 70; },
);

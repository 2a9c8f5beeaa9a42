#!/usr/bin/env node
// Entry point of `npx rvisor`: the compiled CLI in dist/.
import { main } from "../dist/src/cli.js";

const out = (s) => process.stdout.write(s);
const err = (s) => process.stderr.write(s);
main(process.argv.slice(2), out, err).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`rvisor: internal error: ${e?.stack ?? e}\n`); process.exitCode = 70; },
);

// Runs one bare-metal guest to its end and prints what happened.
//   node examples/run-one.mjs [guest.elf]
import { readFile } from "node:fs/promises";
import { demoGuest, runElf } from "rvisor";

const elf = process.argv[2] === undefined ? await demoGuest("hello.elf") : await readFile(process.argv[2]);
const result = await runElf(elf, { maxInsns: 1e9 });
console.log(result.console.trimEnd());
console.log(`${result.outcome} after ${result.instructions} instructions (${result.reason})`);

// Runs one bare-metal guest to its end and prints what happened.
//   node examples/run-one.mjs [guest.elf]
import { readFile } from "node:fs/promises";
import { runElf } from "rvisor";

const file = process.argv[2] ?? new URL("../guests/demo/hello.elf", import.meta.url);
const result = await runElf(await readFile(file), { maxInsns: 1e9 });
console.log(result.console.trimEnd());
console.log(`${result.outcome} after ${result.instructions} instructions (${result.reason})`);

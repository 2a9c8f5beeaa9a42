// rvisor's Node-only parts (`import { FileBlockImage } from "rvisor/node"`): what needs node:fs,
// kept out of the main entry so that the library bundles for browsers unchanged.

export { FileBlockImage } from "./file-image.js";

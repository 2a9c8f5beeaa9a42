// The demo page: `npm run web` (dev server), `npm run web:build` (static files in dist-web/).
// Paths are relative (base "./") so that dist-web/ can be served from any directory.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  build: {
    outDir: fileURLToPath(new URL("../dist-web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    // Guests and the core stay files of their own, fetched by URL like any user's image.
    assetsInlineLimit: 0,
  },
  worker: { format: "es" },
  // Cross-origin isolation, so that the worker can share its memory with the page.
  server: { host: "127.0.0.1", headers: ISOLATION },
  preview: { host: "127.0.0.1", headers: ISOLATION },
});

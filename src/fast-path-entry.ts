/**
 * The fast paths bin/credo.js tries before the full CLI loads, bundled into
 * one file (scripts/bundle-fast-path.js → dist/fast-path/process.cjs). Like
 * main.ts this is a composition root: it may reach any layer.
 */
export { tryProcessFastPath } from "./fast-path/process.js";
export { tryExportFastPath } from "./fast-path/export.js";
export { tryUseFastPath } from "./shell/use-fast-path.js";
export { tryExecFastPath } from "./exec/exec-fast-path.js";

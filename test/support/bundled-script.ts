import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { buildSync } from "esbuild";
import { projectRoot } from "./run-credo.js";

/**
 * A TypeScript fixture script (one that imports src/ and runs as its own
 * process, as a second credo would) bundled into one plain JavaScript file.
 * Starting it costs what starting node costs: `node --import tsx script.ts`
 * compiled the script and everything it imports again in each process, about
 * a CPU-second each, and some tests start dozens at once.
 *
 * Bundled once per test file, named by its content under
 * node_modules/.cache (so the packages it imports resolve from the project's
 * node_modules, and a bundle of unchanged sources is not written again).
 */
const bundles = new Map<string, string>();

export function bundledScript(script: string): string {
  const known = bundles.get(script);
  if (known !== undefined) return known;
  const { outputFiles } = buildSync({
    entryPoints: [script],
    write: false,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // npm packages stay imports, as under tsx (a bundled CommonJS package
    // would need `require`, which an ES module does not have).
    packages: "external",
    logLevel: "error",
    outdir: "out",
  });
  const code = outputFiles[0]?.contents ?? new Uint8Array();
  const digest = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const dir = join(projectRoot, "node_modules", ".cache", "credo-test-scripts");
  const file = join(dir, `${basename(script, ".ts")}-${digest}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // Written whole under a temporary name, so a concurrent test file never runs half a bundle.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  bundles.set(script, file);
  return file;
}

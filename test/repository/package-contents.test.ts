import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { projectRoot } from "../support/run-credo.js";

/**
 * What `npm pack` would publish: the entry point and the bundles, never the
 * compiled-code caches a run leaves beside them (V8's of each bundle, Node's
 * of node_modules), which belong to the machine that made them.
 */
const probes = [
  join(projectRoot, "dist/.node-compile-cache/probe"),
  join(projectRoot, "dist/fast-path/probe.cjs.v8cache"),
];

beforeAll(async () => {
  for (const probe of probes) {
    await mkdir(join(probe, ".."), { recursive: true });
    await writeFile(probe, "");
  }
});

afterAll(async () => {
  for (const probe of probes) await rm(probe, { force: true });
});

it("holds bin/ and the bundles, and no compiled-code cache", async () => {
  // --ignore-scripts: no `prepare` build, which would rebuild dist/ under the other tests' feet.
  const { stdout } = await promisify(execFile)(
    "npm",
    ["pack", "--dry-run", "--json", "--ignore-scripts"],
    {
      cwd: projectRoot,
    },
  );
  const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }];
  const paths = pack.files.map((file) => file.path);
  for (const path of [
    "bin/credo.js",
    "dist/main.cjs",
    "dist/fast-path/process.cjs",
    "dist/fast-path/list.cjs",
  ])
    expect(paths).toContain(path);
  expect(
    paths.filter((path) => path.includes("compile-cache") || path.endsWith(".v8cache")),
  ).toEqual([]);
});

import { copyFile, mkdir, mkdtemp, readdir, rm, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/errors.js";
import { projectRoot, runCommand } from "../support/run-credo.js";

/** Node.js 22.1 and later compile node_modules through a cache of their own (module.enableCompileCache). */
const nodeHasCompileCache =
  typeof (createRequire(import.meta.url)("node:module") as { enableCompileCache?: unknown })
    .enableCompileCache === "function";

/**
 * A package of its own, so that its compile cache starts empty whatever other
 * tests have run: bin/ and package.json copied (bin/credo.js finds dist/
 * beside its own file), dist/ a folder of links to the built files, and
 * node_modules a link.
 */
async function packageCopy(root: string): Promise<string> {
  const pkg = join(root, "pkg");
  await mkdir(join(pkg, "bin"), { recursive: true });
  for (const file of await readdir(join(projectRoot, "bin")))
    await copyFile(join(projectRoot, "bin", file), join(pkg, "bin", file));
  await copyFile(join(projectRoot, "package.json"), join(pkg, "package.json"));
  await symlink(join(projectRoot, "node_modules"), join(pkg, "node_modules"));
  await mkdir(join(pkg, "dist"));
  for (const entry of await readdir(join(projectRoot, "dist"))) {
    if (entry === ".node-compile-cache") continue;
    await symlink(join(projectRoot, "dist", entry), join(pkg, "dist", entry));
  }
  return pkg;
}

/** Every file under dir, or [] when it does not exist. */
async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch {
    return [];
  }
}

describe("node_modules compiled through Node's compile cache, kept beside the code", () => {
  let root: string;
  let pkg: string;
  let temporary: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "credo-compile-cache-"));
    pkg = await packageCopy(root);
    temporary = join(root, "tmp");
    await mkdir(temporary);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** whoami with keys from the environment: the STS client loads, and the call fails at once. */
  const whoami = (extra: Record<string, string> = {}) =>
    runCommand(process.execPath, [join(pkg, "bin/credo.js"), "whoami"], {
      env: {
        HOME: root,
        CREDO_HOME: join(root, ".credo"),
        TMPDIR: temporary,
        AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
        AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        AWS_REGION: "us-east-1",
        // The discard port: nothing listens, the connection is refused.
        AWS_ENDPOINT_URL: "http://127.0.0.1:9",
        AWS_MAX_ATTEMPTS: "1",
        AWS_EC2_METADATA_DISABLED: "true",
        ...extra,
      },
    });
  const cacheDir = () => join(pkg, "dist/.node-compile-cache");

  it("turned off by NODE_DISABLE_COMPILE_CACHE=1, as Node.js documents", async () => {
    const run = await whoami({ NODE_DISABLE_COMPILE_CACHE: "1" });
    expect(run.stderr).toContain("the AWS endpoint could not be reached");
    expect(run.code).toBe(ExitCode.network);
    expect(await filesUnder(cacheDir())).toEqual([]);
  });

  it(
    nodeHasCompileCache
      ? "writes the AWS SDK's compiled code to dist/.node-compile-cache, never to a temporary folder"
      : "runs as before where Node.js has no compile cache (Node.js before 22.1)",
    async () => {
      const run = await whoami();
      expect(run.stderr).toContain("the AWS endpoint could not be reached");
      expect(run.code).toBe(ExitCode.network);
      const cached = await filesUnder(cacheDir());
      if (nodeHasCompileCache) expect(cached.length).toBeGreaterThan(10);
      else expect(cached).toEqual([]);
      expect(await readdir(temporary)).toEqual([]);
    },
  );
});

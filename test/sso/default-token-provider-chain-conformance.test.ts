import { readFile, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { selectProfile } from "../../src/config/select-profile.js";
import { systemClock } from "../../src/io/clock.js";
import type { Env } from "../../src/io/env.js";
import { memoryFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import { loadProfileSet } from "../../src/profile-files/load.js";
import { ssoSessionForProfile } from "../../src/sso/resolve-sso-session.js";
import { resolveSsoToken } from "../../src/sso/token-provider.js";
import { vectorsRoot } from "../conformance/vectors-root.js";

const suiteRoot = join(vectorsRoot, "default-token-provider-chain");
const cases = (await readdir(suiteRoot, { withFileTypes: true }))
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

/** The case's fs/ folder mounted at "/", as the smithy-rs runner does. */
async function virtualFiles(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(`/${relative(root, path)}`, await readFile(path, "utf8"));
  }
  return files;
}

describe("default-token-provider-chain conformance (smithy-rs)", () => {
  it("has the three cases the README describes", () => {
    expect(cases.sort()).toEqual(["profile_keys", "profile_keys_case_insensitive", "profile_name"]);
  });

  for (const name of cases) {
    it(name, async () => {
      const dir = join(suiteRoot, name);
      const env = JSON.parse(await readFile(join(dir, "env.json"), "utf8")) as Env;
      const expected = JSON.parse(await readFile(join(dir, "test-case.json"), "utf8")) as {
        result: { Ok: { token: string; expiration: string } };
      };
      const files = memoryFileReader(await virtualFiles(join(dir, "fs")));
      const homedir = env["HOME"] ?? "/";
      const { profileSet } = await loadProfileSet({ env, files, homedir, platform: "linux" });
      const session = ssoSessionForProfile(profileSet, selectProfile(undefined, env).name);
      expect(session).toBeDefined();
      const token = await resolveSsoToken(session!, {
        files,
        homedir,
        clock: systemClock,
        oidc: () => Promise.reject(new Error("no network in this suite")),
        logger: silentLogger,
      });
      expect({
        token: token.token,
        expiration: token.expiration.toISOString().replace(".000Z", "Z"),
      }).toEqual(expected.result.Ok);
    });
  }
});

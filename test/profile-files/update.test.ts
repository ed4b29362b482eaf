import { execFile } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memoryFileReader, nodeFileReader } from "../../src/io/file-system.js";
import { ProfileDocument } from "../../src/profile-files/document.js";
import { bundledScript } from "../support/bundled-script.js";
import { loadProfileSet } from "../../src/profile-files/load.js";
import { profileSetOf } from "../../src/profile-files/profile-set.js";
import { updateProfileFile } from "../../src/profile-files/update.js";

const run = promisify(execFile);
const fixture = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "fixtures",
  "add-profile.ts",
);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "credo-update-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("updateProfileFile", () => {
  it("creates a missing file, edits losslessly, and writes only when the text changes", async () => {
    const file = path.join(dir, ".aws", "credentials");
    const ref = { kind: "profile", name: "acme" } as const;
    expect(
      await updateProfileFile(file, "credentials", (doc) => doc.setProperty(ref, "region", "x")),
    ).toEqual({ changed: true });
    expect(await readFile(file, "utf8")).toBe("[acme]\nregion = x\n");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await writeFile(file, "# mine\n[acme]\nregion = x ; keep\n");
    await chmod(file, 0o640);
    const before = (await stat(file)).mtimeMs;
    expect(
      await updateProfileFile(file, "credentials", (doc) => doc.setProperty(ref, "region", "x")),
    ).toEqual({ changed: false });
    expect((await stat(file)).mtimeMs).toBe(before);
    await updateProfileFile(file, "credentials", (doc) => doc.setProperty(ref, "region", "y"));
    expect(await readFile(file, "utf8")).toBe("# mine\n[acme]\nregion = y ; keep\n");
    // The credentials file holds keys: it ends 0600 (test/profile-files/safe-write.test.ts has the notice).
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("keeps the config file's mode, which holds no keys", async () => {
    const file = path.join(dir, "config");
    await writeFile(file, "[profile acme]\nregion = x\n");
    await chmod(file, 0o640);
    await updateProfileFile(file, "config", (doc) =>
      doc.setProperty({ kind: "profile", name: "acme" }, "region", "y"),
    );
    expect(await readFile(file, "utf8")).toBe("[profile acme]\nregion = y\n");
    expect((await stat(file)).mode & 0o777).toBe(0o640);
  });

  it("leaves a file no SDK can read as it is, with an error naming file and line", async () => {
    const file = path.join(dir, "config");
    await writeFile(file, "[default]\nregion = x\nthis line is broken\n");
    await expect(
      updateProfileFile(file, "config", (doc) =>
        doc.setProperty({ kind: "profile", name: "a" }, "k", "v"),
      ),
    ).rejects.toThrow(`Cannot read ${file}, line 3: Expected an '=' sign defining a property.`);
    expect(await readFile(file, "utf8")).toBe("[default]\nregion = x\nthis line is broken\n");
  });

  it("loses no edit when 20 processes add profiles to the same file at once", async () => {
    const file = path.join(dir, "config");
    await writeFile(file, "# shared\n[default]\nregion = us-east-1\n");
    const names = Array.from({ length: 20 }, (_, index) => `p${index}`);
    await Promise.all(
      names.map((name) => run(process.execPath, [bundledScript(fixture), file, name])),
    );
    const text = await readFile(file, "utf8");
    const { profiles } = profileSetOf(ProfileDocument.parse(text, "config"));
    for (const name of names)
      expect(profiles[name]).toEqual({ region: "eu-west-1", credo_writer: name });
    expect(text.startsWith("# shared\n[default]\nregion = us-east-1\n")).toBe(true);
    expect(Object.keys(profiles)).toHaveLength(21);
  }, 120_000);
});

describe("loadProfileSet", () => {
  it("reads both files from where the environment says, a missing one as empty", async () => {
    const files = memoryFileReader(
      new Map([
        [
          "/home/ann/.aws/config",
          "[profile acme]\nregion = a\n[sso-session corp]\nsso_region = b\n",
        ],
      ]),
    );
    const loaded = await loadProfileSet({
      env: { HOME: "/home/ann" },
      files,
      homedir: "/x",
      platform: "linux",
    });
    expect(loaded.locations).toEqual({
      configFile: "/home/ann/.aws/config",
      credentialsFile: "/home/ann/.aws/credentials",
    });
    expect(loaded.profileSet.profiles).toEqual({ acme: { region: "a" } });
    expect(loaded.profileSet.ssoSessions).toEqual({ corp: { sso_region: "b" } });
    expect(loaded.config?.toString()).toContain("[profile acme]");
    expect(loaded.credentials).toBeUndefined();
  });

  it("names the file and line of a broken credentials file", async () => {
    const files = memoryFileReader(new Map([["/c", "key = before any section\n"]]));
    await expect(
      loadProfileSet({
        env: { AWS_SHARED_CREDENTIALS_FILE: "/c", HOME: "/h" },
        files,
        homedir: "/x",
        platform: "linux",
      }),
    ).rejects.toMatchObject({
      name: "ConfigError",
      message: "Cannot read /c, line 1: Expected a section definition.",
    });
  });

  it("turns an unreadable path into a ConfigError", async () => {
    await expect(
      loadProfileSet({
        env: { AWS_CONFIG_FILE: dir, HOME: dir },
        files: nodeFileReader,
        homedir: dir,
        platform: "linux",
      }),
    ).rejects.toMatchObject({
      name: "ConfigError",
      message: `Cannot read the AWS config file ${dir} (EISDIR).`,
    });
  });
});

import * as nodeFs from "node:fs/promises";
import {
  chmod,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/io/atomic-write.js";
import { ProfileDocument } from "../../src/profile-files/index.js";
import { tokenCachePath } from "../../src/sso/token-cache.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import { runFixture } from "../vault/child-process.js";
import type { CredoRun } from "../support/run-credo.js";
import { homeEnv, makeTempHome, runCredo } from "../support/run-credo.js";
import { snapshotTree } from "./home-snapshot.js";

let h: HubHome;

beforeAll(async () => {
  h = await hubHome({ profiles: "hand-written", mfaProcess: true });
});

afterAll(async () => {
  await h.cleanup();
});

beforeEach(async () => {
  h.emu.resetCalls();
});

const cacheDir = () => join(h.home, ".credo/cache");

/** Exit code, nothing on stdout, one "credo:" line and a hint, no stack trace. */
function expectOneMessage(run: CredoRun, code: number): string {
  expect(run.stdout).toBe("");
  expect(run.code).toBe(code);
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^credo: /);
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return lines[0] ?? "";
}

describe("missing and unreadable ~/.aws files", () => {
  it("a home with no ~/.aws at all: a profile that is not there, and nothing created", async () => {
    const { home, cleanup } = await makeTempHome();
    try {
      const run = await runCredo(["export", "dev"], { env: homeEnv(home) });
      expect(expectOneMessage(run, 3)).toContain("(dev) could not be found");
      expect(await readdir(home)).toEqual([]);
    } finally {
      await cleanup();
    }
  });

  it("a config that cannot be read (a folder in its place) is a config error naming the file", async () => {
    const { home, cleanup } = await makeTempHome();
    try {
      await mkdir(join(home, ".aws/config"), { recursive: true });
      const run = await runCredo(["export", "dev"], { env: homeEnv(home) });
      expect(expectOneMessage(run, 3)).toContain(join(home, ".aws/config"));
    } finally {
      await cleanup();
    }
  });

  it("a config with a syntax error: exit 3, the file and the line named, nothing written", async () => {
    const { home, cleanup } = await makeTempHome();
    try {
      await mkdir(join(home, ".aws"));
      const config = join(home, ".aws/config");
      await writeFile(config, "[profile ok]\nregion = eu-west-1\n\n[profile broken\nregion = x\n");
      const before = await snapshotTree(home);
      for (const args of [
        ["export", "ok"],
        ["role", "add", "x", "--hub", "ok", "--account", "222222222222", "--role", "R"],
      ]) {
        const line = expectOneMessage(await runCredo(args, { env: homeEnv(home) }), 3);
        expect(line).toContain(config);
        expect(line).toMatch(/line 4/);
      }
      expect(await snapshotTree(home)).toEqual(before);
    } finally {
      await cleanup();
    }
  });
});

describe("writes through credo auth", () => {
  it("a credentials file that is a symlink is written through and stays a link", async () => {
    const dotfiles = join(h.home, "dotfiles");
    await mkdir(dotfiles, { recursive: true });
    const real = join(dotfiles, "credentials");
    await writeFile(real, "[mine]\naws_access_key_id = AKIAMINE\n", { mode: 0o600 });
    const link = join(h.home, ".aws/credentials");
    await symlink("../dotfiles/credentials", link);
    try {
      const run = await runCredo(["auth", "acme", "--as", "work"], { env: h.env() });
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/^Wrote credentials for acme to \[work\]/);
      expect((await lstat(link)).isSymbolicLink()).toBe(true);
      expect(await readlink(link)).toBe("../dotfiles/credentials");
      const text = await readFile(real, "utf8");
      expect(text.startsWith("[mine]\naws_access_key_id = AKIAMINE\n")).toBe(true);
      expect(ProfileDocument.parse(text, "credentials").toString()).toContain("[work]");
    } finally {
      await rm(link);
      await rm(dotfiles, { recursive: true });
    }
  });

  it("regression: a credentials file readable by others kept its mode (0644) with session keys in it; now 0600, said in one line", async () => {
    const dotfiles = join(h.home, "dotfiles");
    await mkdir(dotfiles, { recursive: true });
    const real = join(dotfiles, "credentials");
    await writeFile(real, "[mine]\nregion = eu-west-1\n");
    await chmod(real, 0o644);
    const link = join(h.home, ".aws/credentials");
    await symlink("../dotfiles/credentials", link);
    try {
      const run = await runCredo(["auth", "acme", "--as", "work"], { env: h.env() });
      expect(run.code).toBe(0);
      expect(run.stderr.split("\n")).toContain(
        `credo: ${link} (${real}) was readable by others (0644); now 0600`,
      );
      expect((await lstat(link)).isSymbolicLink()).toBe(true);
      expect((await stat(real)).mode & 0o777).toBe(0o600);
      const again = await runCredo(["auth", "acme", "--as", "work"], { env: h.env() });
      expect(again.stderr).not.toContain("readable by others");
    } finally {
      await rm(link);
      await rm(dotfiles, { recursive: true });
    }
  });

  it("regression: a file where the credentials folder should be was an unexpected EEXIST (exit 1); now one config error, nothing changed", async () => {
    // Tests run as root, where a read-only mode does not stop writes: a file where a folder must be does.
    await writeFile(join(h.home, "blocker"), "not a folder");
    const env = h.env({ AWS_SHARED_CREDENTIALS_FILE: join(h.home, "blocker/credentials") });
    // The hub session is cached first, so only the write itself is under test.
    expect((await runCredo(["process", "acme"], { env })).code).toBe(0);
    const before = await snapshotTree(h.home);
    try {
      const run = await runCredo(["auth", "acme", "--as", "x"], { env });
      const line = expectOneMessage(run, 3);
      expect(line).toContain(join(h.home, "blocker"));
      expect(await snapshotTree(h.home)).toEqual(before);
    } finally {
      await rm(join(h.home, "blocker"));
    }
  });
});

describe("the atomic write under a full disk and a crash", () => {
  it("a write that fails half way (ENOSPC) leaves the old file and no temporary file", async () => {
    const { home, cleanup } = await makeTempHome();
    try {
      const file = join(home, "credentials");
      await writeFile(file, "[old]\nx = 1\n");
      const fullDisk = {
        ...nodeFs,
        open: async (...args: Parameters<typeof nodeFs.open>) => {
          const handle = await nodeFs.open(...args);
          return Object.assign(Object.create(handle) as typeof handle, {
            writeFile: async (text: string) => {
              await handle.write(text.slice(0, 3));
              throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
            },
            close: () => handle.close(),
          });
        },
      };
      await expect(
        writeFileAtomic(file, "[new]\nx = 2\n", { fileSystem: fullDisk }),
      ).rejects.toMatchObject({ exitCode: "config", message: expect.stringContaining("ENOSPC") });
      expect(await readFile(file, "utf8")).toBe("[old]\nx = 1\n");
      expect(await readdir(home)).toEqual(["credentials"]);
    } finally {
      await cleanup();
    }
  });

  it("a crash between write and rename leaves the old file intact, and credo goes on from it", async () => {
    const credentials = join(h.home, ".aws/credentials");
    const before = "[mine]\naws_access_key_id = AKIAMINE\n";
    await writeFile(credentials, before, { mode: 0o600 });
    const crash = await runFixture(
      "../../hardening/fixtures/crash-profile-write.ts",
      [credentials, "[half]\n"],
      {},
    );
    expect(crash.signal).toBe("SIGKILL");
    expect(await readFile(credentials, "utf8")).toBe(before);
    const leftovers = (await readdir(join(h.home, ".aws"))).filter((name) => name.endsWith(".tmp"));
    expect(leftovers).toHaveLength(1);
    const run = await runCredo(["auth", "acme", "--as", "after-crash"], { env: h.env() });
    expect(run.code).toBe(0);
    const after = await readFile(credentials, "utf8");
    expect(after.startsWith(before)).toBe(true);
    expect(after).toContain("[after-crash]");
    await rm(join(h.home, ".aws", leftovers[0] ?? ""));
    await rm(credentials);
  });
});

describe("damaged caches and vault", () => {
  it.each([
    ["truncated", (text: string) => text.slice(0, text.length / 2)],
    ["garbage", () => "\u0000\u00ff not json at all"],
    ["empty", () => ""],
  ])(
    "a %s session cache file is ignored and replaced by a fresh session",
    async (_label, damage) => {
      expect((await runCredo(["process", "acme"], { env: h.env() })).code).toBe(0);
      for (const name of await readdir(cacheDir())) {
        const path = join(cacheDir(), name);
        await writeFile(path, damage(await readFile(path, "utf8")));
      }
      h.emu.resetCalls();
      const run = await runCredo(["process", "acme"], { env: h.env() });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ Version: 1 });
      expect(h.emu.calls("sts:GetSessionToken")).toBe(1);
      for (const name of await readdir(cacheDir()))
        expect(JSON.parse(await readFile(join(cacheDir(), name), "utf8"))).toMatchObject({
          Version: 1,
        });
    },
  );

  it.each([
    ["truncated", '{"accessToken": "abc", "expiresAt": "20'],
    ["garbage", "\u0000garbage"],
    ["without accessToken", '{"expiresAt": "2030-01-01T00:00:00Z"}'],
  ])(
    "a %s SSO token cache file is a config error naming it, left as it is",
    async (_label, text) => {
      const config = await readFile(h.configFile, "utf8");
      await writeFile(
        h.configFile,
        `${config}\n[sso-session corp]\nsso_start_url = ${h.emu.sso.startUrl}\nsso_region = eu-west-1\n\n[profile sso-dev]\nsso_session = corp\nsso_account_id = 222222222222\nsso_role_name = Developer\n`,
      );
      const tokenFile = tokenCachePath(h.home, {
        sessionName: "corp",
        startUrl: h.emu.sso.startUrl,
      });
      await mkdir(join(h.home, ".aws/sso/cache"), { recursive: true });
      await writeFile(tokenFile, text);
      try {
        const line = expectOneMessage(await runCredo(["export", "sso-dev"], { env: h.env() }), 3);
        expect(line).toContain(tokenFile);
        expect(await readFile(tokenFile, "utf8")).toBe(text);
        expect(h.emu.calls("sso:GetRoleCredentials")).toBe(0);
      } finally {
        await writeFile(h.configFile, config);
        await rm(join(h.home, ".aws/sso"), { recursive: true });
      }
    },
  );

  it("a vault with a flipped byte: exit 5, the vault unchanged, no AWS call", async () => {
    await rm(cacheDir(), { recursive: true, force: true });
    const vaultPath = join(h.home, ".credo/vault.json");
    const original = await readFile(vaultPath);
    const document = JSON.parse(original.toString("utf8")) as { ciphertext: string };
    const flipped = Buffer.from(original);
    const at = original.indexOf(document.ciphertext) + 5;
    flipped[at] = flipped[at] === 0x41 ? 0x42 : 0x41;
    await writeFile(vaultPath, flipped);
    try {
      h.emu.resetCalls();
      const line = expectOneMessage(await runCredo(["process", "acme"], { env: h.env() }), 5);
      expect(line).toMatch(/vault/i);
      expect(await readFile(vaultPath)).toEqual(flipped);
      expect(h.emu.calls()).toBe(0);
    } finally {
      await writeFile(vaultPath, original);
    }
  });
});

import { execFileSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lacks } from "../support/external-tool.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";

/**
 * The `pass` vault backend with Debian's pass and gnupg: a throwaway GPG key
 * (no passphrase, so no pinentry) in a temporary GNUPGHOME, a store in a
 * temporary PASSWORD_STORE_DIR, and credo moving hub acme's key
 * between the encrypted file and pass. `pass` is reached through a wrapper
 * on PATH that logs its command lines, to show no secret is ever on one.
 */
let hub: HubHome;
let gpgHome: string;
let work: string;
let store: string;
let argvLog: string;
let wrapperDir: string;

function gpg(args: string[]): string {
  return execFileSync("gpg", ["--batch", ...args], {
    env: { ...process.env, GNUPGHOME: gpgHome },
    encoding: "utf8",
  });
}

/** The environment of credo (and of the test's own pass calls): the throwaway key and store. */
function passEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    GNUPGHOME: gpgHome,
    PASSWORD_STORE_DIR: store,
    PATH: `${wrapperDir}:${hub.path}`,
    ...extra,
  };
}

function passShow(name: string): string {
  return execFileSync("pass", ["show", name], {
    env: { ...process.env, GNUPGHOME: gpgHome, PASSWORD_STORE_DIR: store },
    encoding: "utf8",
  });
}

const vaultFile = () => join(hub.home, ".credo/vault.json");
const settings = async () =>
  JSON.parse(await readFile(join(hub.home, ".credo/settings.json"), "utf8")) as Record<
    string,
    unknown
  >;

/** Debian's pass and gnupg, by the suite's one rule for external tools. */
const missingPass = lacks("pass", "gpg");

beforeAll(async () => {
  if (missingPass) return;
  hub = await hubHome({ roleRegion: "eu-central-1" });
  work = await mkdtemp(join(tmpdir(), "credo-pass-"));
  gpgHome = join(work, "gnupg");
  store = join(work, "store");
  wrapperDir = join(work, "bin");
  argvLog = join(work, "pass-argv.log");
  await mkdir(gpgHome, { mode: 0o700 });
  await mkdir(wrapperDir);
  await writeFile(
    join(wrapperDir, "pass"),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${argvLog}'\nexec /usr/bin/pass "$@"\n`,
  );
  await chmod(join(wrapperDir, "pass"), 0o755);
  gpg([
    "--passphrase",
    "",
    "--quick-gen-key",
    "credo test <credo-test@example.invalid>",
    "default",
    "default",
    "never",
  ]);
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(gpg(["--with-colons", "--list-keys"]))?.[1];
  if (fingerprint === undefined) throw new Error("no GPG key was made");
  execFileSync("pass", ["init", fingerprint], {
    env: { ...process.env, GNUPGHOME: gpgHome, PASSWORD_STORE_DIR: store },
  });
}, 120_000);

afterAll(async () => {
  if (missingPass) return;
  // The gpg-agent started for the throwaway GNUPGHOME ends with it.
  try {
    execFileSync("gpgconf", ["--kill", "gpg-agent"], {
      env: { ...process.env, GNUPGHOME: gpgHome },
    });
  } catch {
    // No agent was started.
  }
  await hub?.cleanup();
  await rm(work, { recursive: true, force: true });
});

describe.skipIf(missingPass)("credo crypto backend pass", () => {
  it("checks pass and its store before moving anything, even an empty vault", async () => {
    const empty = await mkdtemp(join(work, "credo-home-"));
    const run = await hub.main(["crypto", "backend", "pass"], {
      ...passEnv({ PASSWORD_STORE_DIR: join(work, "no-store") }),
      HOME: empty,
      CREDO_HOME: join(empty, ".credo"),
    });
    expect(run.code).toBe(5);
    expect(run.stderr).toContain("is not initialised");
    await expect(readFile(join(empty, ".credo/settings.json"))).rejects.toThrow();
  });

  it("refuses clearly when pass is not installed, leaving the vault file as it was", async () => {
    const before = await readFile(vaultFile(), "utf8");
    const run = await hub.main(["crypto", "backend", "pass"], {
      GNUPGHOME: gpgHome,
      PASSWORD_STORE_DIR: store,
      PATH: join(hub.home, "bin"),
    });
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toContain("`pass` (the standard Unix password store) is not installed.");
    expect(await readFile(vaultFile(), "utf8")).toBe(before);
  });

  it("refuses clearly when the store is not initialised, leaving the vault file as it was", async () => {
    const before = await readFile(vaultFile(), "utf8");
    const empty = join(work, "empty-store");
    const run = await hub.main(
      ["crypto", "backend", "pass"],
      passEnv({ PASSWORD_STORE_DIR: empty }),
    );
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(`The password store ${empty} is not initialised.`);
    expect(run.stderr).toContain("pass init");
    expect(await readFile(vaultFile(), "utf8")).toBe(before);
  });

  it("moves the hub's key into pass, one GPG entry under the prefix, and removes the vault file", async () => {
    const run = await hub.main(["crypto", "backend", "pass"], passEnv());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("Moved 1 entry from file to pass");
    await expect(readFile(vaultFile())).rejects.toThrow();
    expect(await settings()).toMatchObject({ vaultBackend: "pass", passPrefix: "credo/" });
    expect(await readdir(join(store, "credo"))).toEqual(["hub:acme.gpg"]);
    const entry = JSON.parse(passShow("credo/hub:acme")) as Record<string, string>;
    expect(entry).toEqual({
      accessKeyId: hub.demo.hub.accessKeyId,
      secretAccessKey: hub.demo.hub.secretAccessKey,
    });
    const status = await hub.main(["crypto", "status", "--json"], passEnv());
    expect(JSON.parse(status.stdout)).toMatchObject({
      backend: "pass",
      encrypted: true,
      exists: true,
      path: `pass store ${store}, entries under credo/`,
    });
  });

  it("credentials come from the key in pass, with no vault passphrase", async () => {
    await rm(join(hub.home, ".credo/cache"), { recursive: true, force: true });
    const run = await hub.main(
      ["process", "dev", "--mfa-code", hub.mfaCode()],
      passEnv({ CREDO_PASSPHRASE: "" }),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ Version: 1 });
    expect(hub.emu.calls("sts:GetSessionToken")).toBeGreaterThan(0);
  });

  it("never puts the secret key on pass's command line", async () => {
    const log = await readFile(argvLog, "utf8");
    expect(log).toContain("insert --multiline --force credo/hub:acme");
    expect(log).toContain("show credo/hub:acme");
    expect(log).not.toContain(hub.demo.hub.secretAccessKey);
  });

  it("refuses a vault file beside the pass backend", async () => {
    await writeFile(vaultFile(), "{}");
    try {
      const run = await hub.main(["crypto", "status"], passEnv());
      expect(run.code).toBe(5);
      expect(run.stderr).toContain("chooses the pass password store, but the vault file");
    } finally {
      await rm(vaultFile());
    }
  });

  it("does not overwrite entries already in the destination folder", async () => {
    execFileSync("pass", ["insert", "--multiline", "--force", "other/hub:acme"], {
      env: { ...process.env, GNUPGHOME: gpgHome, PASSWORD_STORE_DIR: store },
      input: "someone else's entry\n",
    });
    const run = await hub.main(["crypto", "backend", "pass", "--prefix", "other"], passEnv());
    expect(run.code).toBe(5);
    expect(run.stderr).toContain("password store folder other/ already holds 1 credo entry");
    expect(passShow("other/hub:acme")).toBe("someone else's entry\n");
    expect(passShow("credo/hub:acme")).toContain(hub.demo.hub.accessKeyId);
  });

  it("moves back to the encrypted file, emptying the pass folder", async () => {
    const run = await hub.main(["crypto", "backend", "file"], passEnv());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("Moved 1 entry from pass to file");
    expect(await settings()).toMatchObject({ vaultBackend: "file" });
    expect(await settings()).not.toHaveProperty("passPrefix");
    expect(await readdir(join(store, "credo")).catch(() => [])).toEqual([]);
    const vault = await readFile(vaultFile(), "utf8");
    expect(vault).not.toContain(hub.demo.hub.secretAccessKey);
    await rm(join(hub.home, ".credo/cache"), { recursive: true, force: true });
    const process = await hub.main(["process", "dev", "--mfa-code", hub.mfaCode()], passEnv());
    expect(process.code, process.stderr).toBe(0);
  });
});

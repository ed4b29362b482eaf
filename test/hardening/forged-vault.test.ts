import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import type { CredoRun } from "../support/run-credo.js";
import { runCredo } from "../support/run-credo.js";

/**
 * Regression: an encrypted vault with `"plain": false` and an `"entries"`
 * object added was read as a plain vault. credo skipped the passphrase,
 * served the forged entries (signing with the forger's key), reported the
 * vault unencrypted, wrote it in plain text at the next change, and
 * `crypto enable` encrypted the forged set and dropped the real keys.
 */
let h: HubHome;
let vaultPath: string;
let original: Buffer;
let forged: Buffer;

beforeAll(async () => {
  h = await hubHome({ profiles: "hand-written", mfaProcess: true });
  vaultPath = join(h.home, ".credo/vault.json");
  original = await readFile(vaultPath);
  const forger = h.emu.createUser({ account: "999999999999", userName: "mallory" });
  const document = JSON.parse(original.toString("utf8")) as Record<string, unknown>;
  const entries = {
    "hub:acme": JSON.stringify({
      accessKeyId: forger.accessKeyId,
      secretAccessKey: forger.secretAccessKey,
    }),
  };
  forged = Buffer.from(`${JSON.stringify({ ...document, plain: false, entries }, null, 2)}\n`);
});

afterAll(async () => {
  await h.cleanup();
});

beforeEach(async () => {
  await writeFile(vaultPath, forged);
  await rm(join(h.home, ".credo/cache"), { recursive: true, force: true });
  h.emu.resetCalls();
});

/** Exit 5, nothing on stdout, one "credo:" line naming the tampering and a hint, no stack. */
function expectTamperRefusal(run: CredoRun): void {
  expect(run.stdout).toBe("");
  expect(run.code, run.stderr).toBe(5);
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toBe(
    `credo: The vault ${vaultPath} is damaged or was tampered with: ${tamperReason}.`,
  );
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

const tamperReason = "it has fields an encrypted vault does not have: entries, plain";

async function expectVaultUnchanged(): Promise<void> {
  expect(await readFile(vaultPath)).toEqual(forged);
  expect(h.emu.calls()).toBe(0);
}

describe("an encrypted vault with a forged plain field and entries", () => {
  it("export: exit 5, no passphrase used, no AWS call, the file byte for byte as it was", async () => {
    expectTamperRefusal(await runCredo(["export", "acme"], { env: h.env() }));
    await expectVaultUnchanged();
    const debug = await runCredo(["--debug", "export", "acme"], { env: h.env() });
    expect(debug.code).toBe(5);
    expect(debug.stderr).not.toContain("passphrase to unlock");
    expect(debug.stderr).not.toContain("derived key");
    await expectVaultUnchanged();
  });

  it("crypto status does not report it unencrypted", async () => {
    const human = await runCredo(["crypto", "status"], { env: h.env() });
    expectTamperRefusal(human);
    const json = await runCredo(["crypto", "status", "--json"], { env: h.env() });
    expect(json.code).toBe(5);
    expect(json.stdout).toBe("");
    await expectVaultUnchanged();
  });

  it("crypto enable refuses it and keeps the real keys", async () => {
    expectTamperRefusal(
      await runCredo(["crypto", "enable"], {
        env: h.env({ CREDO_NEW_PASSPHRASE: "a new passphrase" }),
      }),
    );
    await expectVaultUnchanged();
    // The real keys are still there under the real passphrase.
    await writeFile(vaultPath, original);
    const run = await runCredo(["export", "acme", "--format", "json"], { env: h.env() });
    expect(run.code, run.stderr).toBe(0);
    expect(h.emu.calls("sts:GetSessionToken")).toBe(1);
  });

  it("crypto disable and change-passphrase refuse it", async () => {
    expectTamperRefusal(await runCredo(["crypto", "disable"], { env: h.env() }));
    await expectVaultUnchanged();
    expectTamperRefusal(
      await runCredo(["crypto", "change-passphrase"], {
        env: h.env({ CREDO_NEW_PASSPHRASE: "a new passphrase" }),
      }),
    );
    await expectVaultUnchanged();
  });

  it("hub add and hub remove refuse it and leave the vault and ~/.aws/config as they were", async () => {
    const config = await readFile(h.configFile);
    const add = await runCredo(
      [
        "hub",
        "add",
        "other",
        "--access-key-id",
        h.demo.hub.accessKeyId,
        "--mfa-serial",
        h.demo.hub.mfaSerial ?? "",
        "--secret-access-key-stdin",
      ],
      { env: h.env(), input: `${h.demo.hub.secretAccessKey}\n` },
    );
    expectTamperRefusal(add);
    await expectVaultUnchanged();
    expectTamperRefusal(await runCredo(["hub", "remove", "acme", "--yes"], { env: h.env() }));
    await expectVaultUnchanged();
    expect(await readFile(h.configFile)).toEqual(config);
  });
});

import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CredoRun } from "../support/run-credo.js";
import { homeEnv, makeTempHome } from "../support/run-credo.js";
import { openTestVault, tempHome, vaultBytes } from "./vault-fixture.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { hubHomeScryptCost } from "../support/vault-file.js";

/** Runs credo's main() in this process; the vaults it creates and unlocks get the test key cost. */
function credo(args: readonly string[], options: Parameters<typeof credoInProcess>[1] = {}) {
  return credoInProcess(args, { ...options, vaultScryptCost: hubHomeScryptCost });
}

const tooShort = {
  exitCode: "vault",
  message:
    "CREDO_PASSPHRASE is too short for a new vault passphrase: it must have at least 8 characters.",
};

describe("a passphrase from the environment for a new vault", () => {
  it("CREDO_PASSPHRASE creating a vault follows the prompt's minimum, and no vault is created", async () => {
    const home = await tempHome();
    const { vault, asked } = await openTestVault(home, "prompted", {
      env: { CREDO_PASSPHRASE: "short" },
    });
    await expect(vault.set("k", "v")).rejects.toMatchObject(tooShort);
    expect(asked).toEqual([]);
    await expect(stat(home)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("CREDO_PASSPHRASE unlocking an existing vault is not held to the minimum", async () => {
    const home = await tempHome();
    // A vault whose passphrase predates the minimum.
    await (await openTestVault(home, "pw")).vault.set("k", "v");
    const { vault } = await openTestVault(home, "unused", { env: { CREDO_PASSPHRASE: "pw" } });
    expect(await vault.get("k")).toBe("v");
    await vault.set("k2", "v2");
    expect(await vault.keys()).toEqual(["k", "k2"]);
  });
});

describe("credo crypto with a short CREDO_NEW_PASSPHRASE", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function home() {
    const made = await makeTempHome();
    cleanups.push(made.cleanup);
    return made.home;
  }

  function expectOneMessage(run: CredoRun, message: string): void {
    expect(run.stdout).toBe("");
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr.split("\n")[0]).toBe(`credo: ${message}`);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(2);
  }

  it("enable refuses it and creates no vault", async () => {
    const user = await home();
    const run = await credo(["crypto", "enable"], {
      env: homeEnv(user, { CREDO_NEW_PASSPHRASE: "1234567" }),
    });
    expectOneMessage(
      run,
      "CREDO_NEW_PASSPHRASE is too short for a new vault passphrase: it must have at least 8 characters.",
    );
    expect(await readdir(user)).toEqual([]);
  });

  it("change-passphrase refuses it and leaves the vault as it was", async () => {
    const user = await home();
    const current = "the current passphrase";
    const enabled = await credo(["crypto", "enable"], {
      env: homeEnv(user, { CREDO_NEW_PASSPHRASE: current }),
    });
    expect(enabled.code, enabled.stderr).toBe(0);
    const before = await vaultBytes(join(user, ".credo"));
    const run = await credo(["crypto", "change-passphrase"], {
      env: homeEnv(user, { CREDO_PASSPHRASE: current, CREDO_NEW_PASSPHRASE: "short" }),
    });
    expectOneMessage(
      run,
      "CREDO_NEW_PASSPHRASE is too short for a new vault passphrase: it must have at least 8 characters.",
    );
    expect(await readFile(join(user, ".credo/vault.json"))).toEqual(before);
  });

  it("hub add creating the vault with a short CREDO_PASSPHRASE writes neither the vault nor ~/.aws/config", async () => {
    const user = await home();
    const run = await credo(
      [
        "hub",
        "add",
        "acme",
        "--access-key-id",
        "AKIAIOSFODNN7EXAMPLE",
        "--mfa-serial",
        "arn:aws:iam::111111111111:mfa/alice",
        "--secret-access-key-stdin",
      ],
      {
        env: homeEnv(user, { CREDO_PASSPHRASE: "short" }),
        input: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
      },
    );
    expectOneMessage(run, tooShort.message);
    expect(await readdir(user)).toEqual([]);
  });
});

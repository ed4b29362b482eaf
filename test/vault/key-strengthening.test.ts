import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ScryptParams } from "../../src/vault/vault-document.js";
import { homeEnv, makeTempHome, runCredo } from "../support/run-credo.js";
import { openTestVault, tempHome, vaultBytes, writeVaultAtCost } from "./vault-fixture.js";

const passphrase = "an older passphrase";

/** A vault as an earlier credo wrote it: scrypt N=2^16. */
const vaultAtN16 = (home: string) =>
  writeVaultAtCost(home, passphrase, 2 ** 16, { "hub:acme": "secret" });

const kdfOf = async (home: string) =>
  (JSON.parse((await vaultBytes(home)).toString("utf8")) as { kdf: ScryptParams }).kdf;

const strengthened = "credo: vault key strengthened to scrypt N=2^17 (was N=2^16)";

describe("the vault's key-derivation cost", () => {
  it("a new vault is encrypted with scrypt N=2^17, r=8, p=1", async () => {
    const home = await tempHome();
    await (await openTestVault(home, passphrase)).vault.set("k", "v");
    expect(await kdfOf(home)).toMatchObject({ name: "scrypt", N: 2 ** 17, r: 8, p: 1 });
  });

  it("a vault at N=2^16 opens as it is, and reading it rewrites nothing", async () => {
    const home = await tempHome();
    await vaultAtN16(home);
    const before = await vaultBytes(home);
    const { vault, warnings, asked } = await openTestVault(home, passphrase);
    expect(await vault.get("hub:acme")).toBe("secret");
    expect(await vault.remove("hub:missing")).toBe(false);
    expect((await vault.status()).kdf).toEqual({ name: "scrypt", N: 2 ** 16, r: 8, p: 1 });
    expect(asked).toEqual(["unlock"]);
    expect(warnings).toEqual([]);
    expect(await vaultBytes(home)).toEqual(before);
  });

  it("its next write re-derives at N=2^17 with a new salt, asking for the passphrase once and saying so once", async () => {
    const home = await tempHome();
    const old = await vaultAtN16(home);
    const { vault, warnings, asked } = await openTestVault(home, passphrase);
    await vault.set("hub:zeta", "two");
    await vault.set("hub:omega", "three");
    expect(asked).toEqual(["unlock"]);
    expect(warnings).toEqual([strengthened]);
    const kdf = await kdfOf(home);
    expect(kdf).toMatchObject({ name: "scrypt", N: 2 ** 17, r: 8, p: 1 });
    expect(kdf.salt).not.toBe(old.salt);
    expect(Buffer.from(kdf.salt, "base64")).toHaveLength(16);

    const reopened = await openTestVault(home, passphrase);
    expect(await reopened.vault.keys()).toEqual(["hub:acme", "hub:omega", "hub:zeta"]);
    expect(await reopened.vault.get("hub:acme")).toBe("secret");
    await reopened.vault.set("hub:acme", "again");
    expect(reopened.warnings).toEqual([]);
  });

  it("a wrong passphrase on a vault at N=2^16 fails as before and upgrades nothing", async () => {
    const home = await tempHome();
    await vaultAtN16(home);
    const before = await vaultBytes(home);
    const { vault, warnings } = await openTestVault(home, "not the passphrase");
    await expect(vault.set("hub:zeta", "two")).rejects.toMatchObject({ exitCode: "vault" });
    expect(warnings).toEqual([]);
    expect(await vaultBytes(home)).toEqual(before);
  });

  it("through the CLI: hub add on a vault at N=2^16 unlocks it once and says once that it strengthened the key", async () => {
    const { home, cleanup } = await makeTempHome();
    try {
      const credoHome = join(home, ".credo");
      const old = await vaultAtN16(credoHome);
      const run = await runCredo(
        [
          "--debug",
          "hub",
          "add",
          "zeta",
          "--access-key-id",
          "AKIAIOSFODNN7EXAMPLE",
          "--mfa-serial",
          "arn:aws:iam::111111111111:mfa/alice",
          "--secret-access-key-stdin",
        ],
        {
          env: homeEnv(home, { CREDO_PASSPHRASE: passphrase }),
          input: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
        },
      );
      expect(run.code, run.stderr).toBe(0);
      const lines = run.stderr.split("\n");
      expect(lines.filter((line) => line === strengthened)).toHaveLength(1);
      expect(lines.filter((line) => line.includes("vault: passphrase to"))).toEqual([
        "debug: vault: passphrase to unlock from CREDO_PASSPHRASE",
      ]);
      const kdf = await kdfOf(credoHome);
      expect(kdf).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
      expect(kdf.salt).not.toBe(old.salt);
    } finally {
      await cleanup();
    }
  });
});

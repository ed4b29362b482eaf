import { stat } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  changePassphrase,
  cryptoStatus,
  disableEncryption,
  enableEncryption,
} from "../../src/vault/crypto-admin.js";
import { plainVaultWarning } from "../../src/vault/open-vault.js";
import { openAtTestCost, openTestVault, tempHome, vaultBytes, vaultPath } from "./vault-fixture.js";

const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

describe("credo crypto", () => {
  it("disable writes a plain 0600 vault that warns exactly once per openVault, and enable encrypts it again", async () => {
    const home = await tempHome();
    const first = await openAtTestCost(home, "pw");
    await first.vault.set("hub:acme", secret);
    await disableEncryption(first.vault);

    const bytes = await vaultBytes(home);
    expect(JSON.parse(bytes.toString("utf8"))).toEqual({
      format: "credo-vault",
      version: 1,
      plain: true,
      entries: { "hub:acme": secret },
    });
    expect((await stat(vaultPath(home))).mode & 0o777).toBe(0o600);

    const plain = await openAtTestCost(home, "unused");
    expect(await plain.vault.get("hub:acme")).toBe(secret);
    await plain.vault.set("hub:zeta", "z");
    expect(await plain.vault.keys()).toEqual(["hub:acme", "hub:zeta"]);
    expect(plain.warnings).toEqual([plainVaultWarning]);
    expect(plain.asked).toEqual([]);
    expect(await cryptoStatus(plain.vault)).toEqual({
      backend: "file",
      encrypted: false,
      exists: true,
      path: vaultPath(home),
    });

    const again = await openAtTestCost(home, "unused");
    await again.vault.keys();
    expect(again.warnings).toEqual([plainVaultWarning]);

    await enableEncryption(again.vault, "new pass");
    const encrypted = await vaultBytes(home);
    expect(encrypted.includes(secret)).toBe(false);
    expect(encrypted.includes("hub:acme")).toBe(false);
    expect(JSON.parse(encrypted.toString("utf8")).plain).toBeUndefined();

    const reopened = await openAtTestCost(home, "new pass");
    expect(await reopened.vault.get("hub:acme")).toBe(secret);
    expect(await reopened.vault.get("hub:zeta")).toBe("z");
    expect(reopened.warnings).toEqual([]);
    expect((await cryptoStatus(reopened.vault)).encrypted).toBe(true);
  });

  it("change-passphrase re-encrypts under a new salt: the old passphrase stops working, the new one opens it", async () => {
    const home = await tempHome();
    const owner = await openAtTestCost(home, "old pass");
    await owner.vault.set("hub:acme", secret);
    const saltBefore = JSON.parse((await vaultBytes(home)).toString("utf8")).kdf.salt;

    await changePassphrase(owner.vault, "new pass");
    // The same process keeps working with the key it just derived.
    expect(await owner.vault.get("hub:acme")).toBe(secret);
    const after = await vaultBytes(home);
    expect(JSON.parse(after.toString("utf8")).kdf.salt).not.toBe(saltBefore);
    expect(after.includes(secret)).toBe(false);

    await expect((await openAtTestCost(home, "old pass")).vault.keys()).rejects.toMatchObject({
      exitCode: "vault",
    });
    expect(await (await openAtTestCost(home, "new pass")).vault.get("hub:acme")).toBe(secret);
  });

  it("change-passphrase with a wrong current passphrase fails and leaves the file as it was", async () => {
    const home = await tempHome();
    await (await openAtTestCost(home, "right")).vault.set("k", "v");
    const before = await vaultBytes(home);
    await expect(
      changePassphrase((await openAtTestCost(home, "wrong")).vault, "new"),
    ).rejects.toMatchObject({ exitCode: "vault" });
    expect(await vaultBytes(home)).toEqual(before);
  });

  it("enable on a missing vault creates an empty encrypted one without asking for another passphrase", async () => {
    const home = await tempHome();
    const fresh = await openTestVault(home, "prompted");
    expect(await cryptoStatus(fresh.vault)).toEqual({
      backend: "file",
      encrypted: true,
      exists: false,
      path: vaultPath(home),
      kdf: { name: "scrypt", N: 131072, r: 8, p: 1 },
    });
    await enableEncryption(fresh.vault, "chosen");
    expect(fresh.asked).toEqual([]);
    expect(await (await openTestVault(home, "chosen")).vault.keys()).toEqual([]);
  });

  it("refuses what does not apply, with a hint, and changes nothing", async () => {
    const home = await tempHome();
    const fresh = await openAtTestCost(home, "pw");
    await expect(changePassphrase(fresh.vault, "x")).rejects.toMatchObject({
      message: "There is no vault yet.",
    });
    await fresh.vault.set("k", "v");
    await expect(enableEncryption(fresh.vault, "x")).rejects.toMatchObject({
      exitCode: "vault",
      hint: expect.stringContaining("change-passphrase"),
    });
    await expect(changePassphrase(fresh.vault, "")).rejects.toMatchObject({ exitCode: "vault" });
    await disableEncryption(fresh.vault);
    const plainBytes = await vaultBytes(home);
    await expect(disableEncryption(fresh.vault)).rejects.toMatchObject({
      message: "The vault is already unencrypted.",
    });
    await expect(changePassphrase(fresh.vault, "x")).rejects.toMatchObject({
      hint: expect.stringContaining("crypto enable"),
    });
    expect(await vaultBytes(home)).toEqual(plainBytes);
  });
});

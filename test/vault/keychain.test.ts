import { mkdir, readFile, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { nodeFileReader } from "../../src/io/file-system.js";
import type { Logger } from "../../src/io/logger.js";
import type { KeychainEntry } from "../../src/vault/keychain.js";
import { detectKeychain } from "../../src/vault/keychain.js";
import {
  readVaultBackendSetting,
  saveVaultBackendSetting,
  settingsPath,
} from "../../src/vault/vault-settings.js";
import { openAtTestCost, tempHome, vaultPath } from "./vault-fixture.js";

/** A keychain that works, for the logic this headless machine cannot reach natively. */
function fakeKeychain(): {
  entryFor: (account: string) => Promise<KeychainEntry>;
  secrets: Map<string, string>;
} {
  const secrets = new Map<string, string>();
  const entryFor = async (account: string): Promise<KeychainEntry> => ({
    getPassword: async () => secrets.get(account) ?? null,
    setPassword: async (password) => {
      secrets.set(account, password);
    },
    deleteCredential: async () => secrets.delete(account),
  });
  return { entryFor, secrets };
}

describe("the OS keychain backend", () => {
  it("is reported unavailable on this headless machine, without failing", async () => {
    const lines: string[] = [];
    const logger: Logger = { enabled: true, debug: (message) => lines.push(message) };
    const availability = await detectKeychain(logger);
    expect(availability).toEqual({ available: false, reason: expect.stringContaining("platform") });
    expect(lines).toEqual([expect.stringContaining("vault: the OS keychain is not available")]);
  });

  it("when chosen but unavailable, credo warns and falls back to the encrypted file", async () => {
    const home = await tempHome();
    const { vault, warnings } = await openAtTestCost(home, "pw", { backend: "keychain" });
    expect(vault.backend).toBe("file");
    expect(warnings).toEqual([
      expect.stringMatching(
        /^warning: the OS keychain is not available \(.+\); using the encrypted vault file /,
      ),
    ]);
    await vault.set("hub:acme", "secret");
    expect(await (await openAtTestCost(home, "pw")).vault.get("hub:acme")).toBe("secret");
  });

  it("where it works, keeps every entry as one JSON secret (service credo, account vault) and leaves no probe", async () => {
    const home = await tempHome();
    const keychain = fakeKeychain();
    const { vault, warnings, asked } = await openAtTestCost(home, "unused", {
      backend: "keychain",
      keychainEntry: keychain.entryFor,
    });
    expect(vault.backend).toBe("keychain");
    expect(await vault.exists()).toBe(false);
    await vault.set("hub:acme", "a");
    await vault.set("hub:zeta", "z");
    expect(await vault.remove("hub:zeta")).toBe(true);
    expect(await vault.remove("hub:zeta")).toBe(false);
    expect(await vault.keys()).toEqual(["hub:acme"]);
    expect(await vault.get("hub:acme")).toBe("a");
    expect([...keychain.secrets]).toEqual([["vault", '{"hub:acme":"a"}']]);
    expect(await vault.status()).toEqual({
      backend: "keychain",
      encrypted: true,
      exists: true,
      path: 'OS keychain, service "credo", account "vault"',
    });
    expect(warnings).toEqual([]);
    expect(asked).toEqual([]);
    await expect(readFile(vaultPath(home))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("a damaged keychain entry is a vault error", async () => {
    const home = await tempHome();
    const keychain = fakeKeychain();
    keychain.secrets.set("vault", "not json");
    const { vault } = await openAtTestCost(home, "unused", {
      backend: "keychain",
      keychainEntry: keychain.entryFor,
    });
    await expect(vault.keys()).rejects.toMatchObject({
      exitCode: "vault",
      message: expect.stringContaining("damaged"),
    });
  });

  it("the backend choice persists in settings.json beside other settings, and openVault follows it", async () => {
    const home = await tempHome();
    await mkdir(home, { recursive: true });
    await writeFile(settingsPath(home), '{"theme": "dark"}\n');
    expect(await readVaultBackendSetting(home, nodeFileReader)).toBeUndefined();
    await saveVaultBackendSetting(home, nodeFileReader, "keychain");
    expect(JSON.parse(await readFile(settingsPath(home), "utf8"))).toEqual({
      theme: "dark",
      vaultBackend: "keychain",
    });

    const keychain = fakeKeychain();
    const { vault } = await openAtTestCost(home, "unused", { keychainEntry: keychain.entryFor });
    expect(vault.backend).toBe("keychain");
    const { vault: overridden } = await openAtTestCost(home, "pw", {
      backend: "file",
      keychainEntry: keychain.entryFor,
    });
    expect(overridden.backend).toBe("file");

    await writeFile(settingsPath(home), '{"vaultBackend": "floppy"}');
    await expect(readVaultBackendSetting(home, nodeFileReader)).rejects.toMatchObject({
      exitCode: "config",
    });
  });

  it("settings.json choosing the keychain does not set an existing vault file aside: refused, nothing changed", async () => {
    const home = await tempHome();
    await (await openAtTestCost(home, "the real passphrase")).vault.set("hub:acme", "real");
    const before = await readFile(vaultPath(home));
    await writeFile(settingsPath(home), '{"vaultBackend": "keychain"}\n');
    const keychain = fakeKeychain();
    keychain.secrets.set("vault", JSON.stringify({ "hub:acme": "forged" }));
    const opening = openAtTestCost(home, "unused", { keychainEntry: keychain.entryFor });
    await expect(opening).rejects.toMatchObject({
      exitCode: "vault",
      message: `${settingsPath(home)} chooses the OS keychain, but the vault file ${vaultPath(home)} exists; credo will not set it aside.`,
    });
    expect(await readFile(vaultPath(home))).toEqual(before);
    expect([...keychain.secrets]).toEqual([["vault", JSON.stringify({ "hub:acme": "forged" })]]);
  });
});

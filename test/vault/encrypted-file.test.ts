import { readdir, stat, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CredoError } from "../../src/errors.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import { disableEncryption, enableEncryption } from "../../src/vault/crypto-admin.js";
import { encryptedFileVault } from "../../src/vault/encrypted-file.js";
import { defaultScryptCost } from "../../src/vault/vault-cipher.js";
import {
  openAtTestCost,
  openTestVault,
  tempHome,
  testScryptCost as testCost,
  vaultBytes,
  vaultPath,
} from "./vault-fixture.js";

describe("encrypted file vault", () => {
  it("round-trips set/get/remove/keys across re-opens that derive the key again", async () => {
    const home = await tempHome();
    const first = await openAtTestCost(home, "correct horse");
    expect(await first.vault.exists()).toBe(false);
    expect(await first.vault.keys()).toEqual([]);
    await first.vault.set("hub:acme", "one");
    await first.vault.set("hub:zeta", "two");
    await first.vault.set("hub:acme", "three");
    expect(first.asked).toEqual(["create"]);

    const second = await openAtTestCost(home, "correct horse");
    expect(await second.vault.keys()).toEqual(["hub:acme", "hub:zeta"]);
    expect(await second.vault.get("hub:acme")).toBe("three");
    expect(await second.vault.get("hub:missing")).toBeUndefined();
    expect(await second.vault.remove("hub:zeta")).toBe(true);
    expect(await second.vault.remove("hub:zeta")).toBe(false);
    // One unlock for the whole process: the derived key is kept in memory.
    expect(second.asked).toEqual(["unlock"]);

    const third = await openAtTestCost(home, "correct horse");
    expect(await third.vault.keys()).toEqual(["hub:acme"]);
    expect(await third.vault.status()).toEqual({
      backend: "file",
      encrypted: true,
      exists: true,
      path: vaultPath(home),
      kdf: { name: "scrypt", ...testCost },
    });
  });

  it("writes the documented format with mode 0600 in a 0700 directory and never the secret in clear", async () => {
    const home = await tempHome();
    const { vault } = await openTestVault(home, "pw", { scryptCost: defaultScryptCost });
    await vault.set("hub:acme", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    const bytes = await vaultBytes(home);
    const document = JSON.parse(bytes.toString("utf8"));
    expect(Object.keys(document)).toEqual([
      "format",
      "version",
      "kdf",
      "cipher",
      "nonce",
      "ciphertext",
      "tag",
    ]);
    expect(document).toMatchObject({
      format: "credo-vault",
      version: 1,
      cipher: "aes-256-gcm",
      kdf: { name: "scrypt", N: 131072, r: 8, p: 1 },
    });
    expect(Buffer.from(document.kdf.salt, "base64")).toHaveLength(16);
    expect(Buffer.from(document.nonce, "base64")).toHaveLength(12);
    expect(Buffer.from(document.tag, "base64")).toHaveLength(16);
    expect(bytes.includes("wJalrXUtnFEMI")).toBe(false);
    expect((await stat(vaultPath(home))).mode & 0o777).toBe(0o600);
    expect((await stat(home)).mode & 0o777).toBe(0o700);
  });

  it("draws a new nonce on every write and keeps the salt until the passphrase changes", async () => {
    const home = await tempHome();
    const { vault } = await openAtTestCost(home, "pw");
    await vault.set("a", "1");
    const before = JSON.parse((await vaultBytes(home)).toString("utf8"));
    await vault.set("b", "2");
    const after = JSON.parse((await vaultBytes(home)).toString("utf8"));
    expect(after.nonce).not.toBe(before.nonce);
    expect(after.kdf.salt).toBe(before.kdf.salt);
  });

  it("reading or removing from a vault not yet created asks nothing and creates nothing", async () => {
    const home = await tempHome();
    const { vault, asked } = await openAtTestCost(home, "pw");
    expect(await vault.get("k")).toBeUndefined();
    expect(await vault.remove("k")).toBe(false);
    expect(asked).toEqual([]);
    expect(await vault.exists()).toBe(false);
    await expect(stat(home)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("takes the passphrase from CREDO_PASSPHRASE without prompting", async () => {
    const home = await tempHome();
    const writer = await openAtTestCost(home, "prompted", {
      env: { CREDO_PASSPHRASE: "from-env" },
    });
    await writer.vault.set("k", "v");
    expect(writer.asked).toEqual([]);
    const reader = await openAtTestCost(home, "from-env");
    expect(await reader.vault.get("k")).toBe("v");
  });

  it("refuses an empty passphrase when creating and leaves no file", async () => {
    const home = await tempHome();
    const { vault } = await openAtTestCost(home, "");
    await expect(vault.set("k", "v")).rejects.toMatchObject({
      exitCode: "vault",
      message: "The vault passphrase must not be empty.",
    });
    expect(await vault.exists()).toBe(false);
  });

  it("fails with a vault error on a wrong passphrase and leaves the file byte for byte", async () => {
    const home = await tempHome();
    await (await openAtTestCost(home, "right")).vault.set("k", "v");
    const before = await vaultBytes(home);
    const wrong = await openAtTestCost(home, "wrong");
    const failure = wrong.vault.get("k");
    await expect(failure).rejects.toBeInstanceOf(CredoError);
    await expect(failure).rejects.toMatchObject({
      exitCode: "vault",
      message: "could not decrypt the vault: wrong passphrase or the file was modified",
    });
    await expect(wrong.vault.set("k2", "v2")).rejects.toMatchObject({ exitCode: "vault" });
    // The wrong key is not remembered: each attempt asks again.
    expect(wrong.asked).toEqual(["unlock", "unlock"]);
    expect(await vaultBytes(home)).toEqual(before);
  });
});

describe("a tampered, truncated or foreign vault file", () => {
  async function sealedVault(): Promise<{ home: string; document: Record<string, unknown> }> {
    const home = await tempHome();
    await (await openAtTestCost(home, "pw")).vault.set("hub:acme", "secret");
    return { home, document: JSON.parse((await vaultBytes(home)).toString("utf8")) };
  }

  function flipFirstByte(base64: string): string {
    const bytes = Buffer.from(base64, "base64");
    bytes[0] = bytes[0]! ^ 0x01;
    return bytes.toString("base64");
  }

  const decryptFailure = {
    exitCode: "vault",
    message: "could not decrypt the vault: wrong passphrase or the file was modified",
  };
  const damaged = { exitCode: "vault", message: expect.stringContaining("is damaged") };

  const tamperings: [string, (doc: Record<string, unknown>) => void, object][] = [
    [
      "a flipped salt byte (header)",
      (doc) =>
        ((doc.kdf as Record<string, unknown>).salt = flipFirstByte(
          (doc.kdf as { salt: string }).salt,
        )),
      decryptFailure,
    ],
    [
      "a lower scrypt N (header)",
      (doc) => ((doc.kdf as Record<string, unknown>).N = 32768),
      decryptFailure,
    ],
    // Refused before any decryption: no field outside the documented ones is read.
    ["an added header field", (doc) => (doc.comment = "harmless?"), damaged],
    [
      "a flipped nonce byte",
      (doc) => (doc.nonce = flipFirstByte(doc.nonce as string)),
      decryptFailure,
    ],
    [
      "a flipped ciphertext byte",
      (doc) => (doc.ciphertext = flipFirstByte(doc.ciphertext as string)),
      decryptFailure,
    ],
    ["a flipped tag byte", (doc) => (doc.tag = flipFirstByte(doc.tag as string)), decryptFailure],
    [
      "a shortened tag",
      (doc) =>
        (doc.tag = Buffer.from(doc.tag as string, "base64")
          .subarray(0, 12)
          .toString("base64")),
      damaged,
    ],
    ["another cipher name", (doc) => (doc.cipher = "aes-128-gcm"), damaged],
    ["an absurd scrypt cost", (doc) => ((doc.kdf as Record<string, unknown>).N = 2 ** 30), damaged],
    ["a missing ciphertext", (doc) => delete doc.ciphertext, damaged],
    [
      "an unknown version",
      (doc) => (doc.version = 2),
      { exitCode: "vault", message: expect.stringContaining("format version 2") },
    ],
  ];

  it.each(tamperings)(
    "%s is refused and the file left as it is",
    async (_name, tamper, expected) => {
      const { home, document } = await sealedVault();
      tamper(document);
      const text = JSON.stringify(document, null, 2);
      await writeFile(vaultPath(home), text);
      const { vault } = await openAtTestCost(home, "pw");
      await expect(vault.get("hub:acme")).rejects.toMatchObject(expected);
      await expect(vault.set("hub:other", "x")).rejects.toMatchObject(expected);
      expect((await vaultBytes(home)).toString("utf8")).toBe(text);
    },
  );

  it('an added "plain": false with forged entries is refused before any passphrase is asked, by every operation', async () => {
    const { home, document } = await sealedVault();
    const forged = JSON.stringify({ ...document, plain: false, entries: { "hub:acme": "forged" } });
    await writeFile(vaultPath(home), forged);
    const { vault, asked, warnings } = await openAtTestCost(home, "pw");
    const tampered = {
      exitCode: "vault",
      message: expect.stringContaining("is damaged or was tampered with"),
    };
    await expect(vault.get("hub:acme")).rejects.toMatchObject(tampered);
    await expect(vault.keys()).rejects.toMatchObject(tampered);
    await expect(vault.set("hub:acme", "x")).rejects.toMatchObject(tampered);
    await expect(vault.remove("hub:acme")).rejects.toMatchObject(tampered);
    await expect(vault.status()).rejects.toMatchObject(tampered);
    await expect(enableEncryption(vault, "new passphrase")).rejects.toMatchObject(tampered);
    await expect(disableEncryption(vault)).rejects.toMatchObject(tampered);
    expect(asked).toEqual([]);
    expect(warnings).toEqual([]);
    expect((await vaultBytes(home)).toString("utf8")).toBe(forged);
  });

  it("reformatted JSON (same fields, other whitespace and order) still opens: the AAD is canonical", async () => {
    const { home, document } = await sealedVault();
    const reordered = Object.fromEntries(Object.entries(document).reverse());
    await writeFile(vaultPath(home), JSON.stringify(reordered));
    expect(await (await openAtTestCost(home, "pw")).vault.get("hub:acme")).toBe("secret");
  });

  it.each([
    ["truncated", (text: string) => text.slice(0, Math.floor(text.length / 2)), "not valid JSON"],
    ["empty", () => "", "not valid JSON"],
    ["not JSON", () => "[default]\naws_access_key_id = AKIA\n", "not valid JSON"],
    ["another JSON document", () => '{"hello": "world"}', "not a credo vault"],
  ])("a %s file is refused with a vault error and left as it is", async (_name, replace, why) => {
    const { home } = await sealedVault();
    const text = replace((await vaultBytes(home)).toString("utf8"));
    await writeFile(vaultPath(home), text);
    const { vault } = await openAtTestCost(home, "pw");
    await expect(vault.keys()).rejects.toMatchObject({
      exitCode: "vault",
      message: expect.stringContaining(why),
    });
    await expect(vault.set("k", "v")).rejects.toMatchObject({ exitCode: "vault" });
    expect((await vaultBytes(home)).toString("utf8")).toBe(text);
  });
});

describe("an interrupted write", () => {
  it("a failing rename leaves the old vault intact, readable and writable, with no temp file behind", async () => {
    const home = await tempHome();
    await (await openAtTestCost(home, "pw")).vault.set("hub:acme", "old");
    const before = await vaultBytes(home);
    const crashing = encryptedFileVault({
      path: vaultPath(home),
      files: nodeFileReader,
      logger: silentLogger,
      passphrase: async () => "pw",
      onPlainRead: () => undefined,
      scryptCost: testCost,
      renameFile: async () => {
        throw Object.assign(new Error("EIO: simulated crash before rename"), { code: "EIO" });
      },
    });
    await expect(crashing.set("hub:acme", "new")).rejects.toThrow(
      /Cannot write .*vault\.json \(EIO\); the file was left as it was/,
    );
    expect(await vaultBytes(home)).toEqual(before);
    expect((await readdir(home)).sort()).toEqual(["vault.json"]);

    const { vault } = await openAtTestCost(home, "pw");
    expect(await vault.get("hub:acme")).toBe("old");
    await vault.set("hub:acme", "new");
    expect(await vault.get("hub:acme")).toBe("new");
  });
});

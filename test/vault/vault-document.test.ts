import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseVaultDocument, serializeVaultDocument } from "../../src/vault/vault-document.js";

const base64 = (bytes: number) => randomBytes(bytes).toString("base64");

/** A well-formed encrypted vault as it lies on disk (the parser runs no cipher). */
function encryptedOnDisk(): Record<string, unknown> {
  return {
    format: "credo-vault",
    version: 1,
    kdf: { name: "scrypt", N: 2 ** 17, r: 8, p: 1, salt: base64(16) },
    cipher: "aes-256-gcm",
    nonce: base64(12),
    ciphertext: base64(40),
    tag: base64(16),
  };
}

const plainOnDisk = () => ({
  format: "credo-vault",
  version: 1,
  plain: true,
  entries: { "hub:acme": "real" },
});

const parse = (document: unknown) => () =>
  parseVaultDocument(JSON.stringify(document), "/home/u/.credo/vault.json");

const tampered = {
  exitCode: "vault",
  message: expect.stringMatching(
    /^The vault \/home\/u\/\.credo\/vault\.json is damaged or was tampered with: /,
  ),
};

describe("parseVaultDocument", () => {
  it("reads an encrypted vault as kind encrypted and a plain one as kind plain", () => {
    const encrypted = encryptedOnDisk();
    expect(parse(encrypted)()).toEqual({
      kind: "encrypted",
      kdf: encrypted["kdf"],
      nonce: encrypted["nonce"],
      ciphertext: encrypted["ciphertext"],
      tag: encrypted["tag"],
    });
    expect(parse(plainOnDisk())()).toEqual({ kind: "plain", entries: { "hub:acme": "real" } });
  });

  it("writes back exactly the documented on-disk format", () => {
    for (const onDisk of [encryptedOnDisk(), plainOnDisk()]) {
      const text = serializeVaultDocument(parse(onDisk)());
      expect(text).toBe(`${JSON.stringify(onDisk, null, 2)}\n`);
    }
  });

  it('refuses an encrypted vault with a forged "plain": false and entries (the forgery that switched off the passphrase)', () => {
    const forged = { ...encryptedOnDisk(), plain: false, entries: { "hub:acme": "attacker" } };
    expect(parse(forged)).toThrow(expect.objectContaining(tampered));
  });

  it.each<[string, (document: Record<string, unknown>) => void]>([
    ['"plain": true added', (d) => (d["plain"] = true)],
    ['"plain": false added', (d) => (d["plain"] = false)],
    ["entries added", (d) => (d["entries"] = {})],
    ["an unknown field", (d) => (d["comment"] = "harmless?")],
    [
      "an unknown field named like a prototype",
      (d) => Object.defineProperty(d, "__proto__", { value: { plain: true }, enumerable: true }),
    ],
    ["an unknown kdf field", (d) => ((d["kdf"] as Record<string, unknown>)["rounds"] = 1)],
  ])("refuses an encrypted vault with %s", (_name, tamper) => {
    const document = encryptedOnDisk();
    tamper(document);
    expect(parse(document)).toThrow(expect.objectContaining(tampered));
  });

  it.each<[string, (document: Record<string, unknown>) => void]>([
    ['"plain": false', (d) => (d["plain"] = false)],
    ['"plain": "yes"', (d) => (d["plain"] = "yes")],
    ["no entries", (d) => delete d["entries"]],
    ["an unknown field", (d) => (d["comment"] = "x")],
    ["a ciphertext beside the entries", (d) => (d["ciphertext"] = base64(40))],
  ])("refuses a plain vault with %s", (_name, tamper) => {
    const document: Record<string, unknown> = plainOnDisk();
    tamper(document);
    expect(parse(document)).toThrow(expect.objectContaining(tampered));
  });

  it("names the unknown fields and never quotes their values", () => {
    const forged = { ...encryptedOnDisk(), plain: false, entries: { "hub:acme": "AKIASECRET" } };
    let message = "";
    try {
      parse(forged)();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("plain");
    expect(message).not.toContain("AKIASECRET");
  });
});

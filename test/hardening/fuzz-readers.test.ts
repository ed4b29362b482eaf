import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCacheFile } from "../../src/cache/cache-file.js";
import { ConfigError, CredoError } from "../../src/errors.js";
import { memoryFileReader } from "../../src/io/file-system.js";
import { ProfileDocument, profileSetOf } from "../../src/profile-files/index.js";
import { processCredentials } from "../../src/providers/process-credentials.js";
import type { ProcessRunner } from "../../src/io/run-process.js";
import { readCachedToken } from "../../src/sso/token-cache.js";
import { decryptEntries, deriveVaultKey, encryptEntries } from "../../src/vault/vault-cipher.js";
import type { EncryptedVaultDocument, ScryptParams } from "../../src/vault/vault-document.js";
import { parseVaultDocument, serializeVaultDocument } from "../../src/vault/vault-document.js";

/** Thousands of inputs per property, a few seconds each on two shared cores. */
const runs = { numRuns: 3000 };

/** Text that looks like what the readers expect: INI lines or JSON fragments mixed with noise. */
const iniLine = fc.oneof(
  fc.constantFrom(
    "[default]",
    "[profile dev]",
    "[profile a b]",
    "[sso-session corp]",
    "[services s]",
    "[profile",
    "[]",
    "[ profile x ]",
    "region = eu-west-1",
    "s3 =",
    "  max_concurrent_requests = 10",
    "\tnested=1",
    "key",
    "= value",
    "# comment",
    "; comment",
    "role_arn=arn:aws:iam::1:role/x ; not a comment",
    "",
    "   ",
    "\r",
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);
const iniText = fc
  .tuple(fc.array(iniLine, { maxLength: 25 }), fc.constantFrom("\n", "\r\n", "\r"), fc.boolean())
  .map(([lines, eol, trailing]) => lines.join(eol) + (trailing ? eol : ""));

const anyText = fc.oneof(iniText, fc.string({ unit: "binary", maxLength: 200 }), fc.json());

/** A JSON object built from a valid one with fields dropped, retyped or added. */
function mutatedObject(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const names = [...Object.keys(valid), "Extra", "__proto__", "constructor"];
  return fc
    .record({
      drop: fc.subarray(Object.keys(valid)),
      replace: fc.dictionary(fc.constantFrom(...names), fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 3,
      }),
    })
    .map(({ drop, replace }) => {
      const copy: Record<string, unknown> = { ...valid };
      for (const name of drop) delete copy[name];
      return JSON.stringify({ ...copy, ...replace });
    });
}

describe("the profile-file parser under arbitrary text", () => {
  it("either parses (and prints back byte for byte) or throws a ConfigError", () => {
    fc.assert(
      fc.property(
        anyText,
        fc.constantFrom("config", "credentials") as fc.Arbitrary<"config" | "credentials">,
        (text, kind) => {
          let document: ProfileDocument;
          try {
            document = ProfileDocument.parse(text, kind);
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
            return;
          }
          expect(document.toString()).toBe(text);
          // The typed view never throws once the text parsed.
          const set =
            kind === "config" ? profileSetOf(document) : profileSetOf(undefined, document);
          expect(typeof set.profiles).toBe("object");
        },
      ),
      runs,
    );
  });
});

const validSession = {
  Version: 1,
  AccessKeyId: "ASIAEXAMPLE",
  SecretAccessKey: "secret",
  SessionToken: "token",
  Expiration: "2030-01-01T00:00:00.000Z",
  AccountId: "111111111111",
  CachedAt: "2029-12-31T12:00:00.000Z",
  Key: { profile: "dev" },
};

describe("the session cache reader", () => {
  it("returns a complete session or undefined for any text, never throws", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, mutatedObject(validSession)), (text) => {
        const session = parseCacheFile(text);
        if (session !== undefined) {
          expect(session.credentials.accessKeyId).toEqual(expect.any(String));
          expect(session.credentials.secretAccessKey).toEqual(expect.any(String));
          expect(Number.isNaN(session.credentials.expiration?.getTime())).toBe(false);
        }
      }),
      runs,
    );
  });

  it("reads back the valid entry", () => {
    expect(parseCacheFile(JSON.stringify(validSession))?.credentials.sessionToken).toBe("token");
  });
});

const validToken = {
  startUrl: "https://example.awsapps.com/start",
  region: "eu-west-1",
  accessToken: "token",
  expiresAt: "2030-01-01T00:00:00Z",
  refreshToken: "refresh",
};

describe("the SSO token cache reader", () => {
  it("returns a token with both required fields, undefined, or a ConfigError", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyText, mutatedObject(validToken)), async (text) => {
        const path = "/home/u/.aws/sso/cache/x.json";
        try {
          const token = await readCachedToken(memoryFileReader(new Map([[path, text]])), path);
          expect(token?.accessToken).toEqual(expect.any(String));
          expect(token?.expiresAt).toEqual(expect.any(String));
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as Error).message).toContain(path);
        }
      }),
      runs,
    );
  });
});

const validProcessOutput = {
  Version: 1,
  AccessKeyId: "ASIAEXAMPLE",
  SecretAccessKey: "secret",
  SessionToken: "token",
  Expiration: "2030-01-01T00:00:00Z",
};

describe("credential_process output validation", () => {
  it("accepts only documents with both keys and a future or absent Expiration; else one auth error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyText, mutatedObject(validProcessOutput)), async (stdout) => {
        const runProcess: ProcessRunner = () =>
          Promise.resolve({ exitCode: 0, signal: null, stdout, stderr: "", timedOut: false });
        try {
          const credentials = await processCredentials({
            profile: "p",
            command: "helper",
            env: {},
            now: Date.parse("2029-01-01T00:00:00Z"),
            runProcess,
          });
          expect(credentials.accessKeyId).toEqual(expect.any(String));
          expect(credentials.secretAccessKey).toEqual(expect.any(String));
        } catch (error) {
          expect(error).toBeInstanceOf(CredoError);
          expect((error as CredoError).exitCode).toBe("auth");
          expect((error as Error).message).not.toContain("\n");
          // The helper's output may hold a secret: the message never quotes it.
          if (stdout.length > 12) expect((error as Error).message).not.toContain(stdout);
        }
      }),
      runs,
    );
  });
});

describe("the vault document", () => {
  // A cheap scrypt cost: the key is derived once, the parser and cipher are what is fuzzed.
  const kdf: ScryptParams = {
    name: "scrypt",
    N: 1024,
    r: 8,
    p: 1,
    salt: randomBytes(16).toString("base64"),
  };
  const entries = { "hub:acme": '{"accessKeyId":"AKIA","secretAccessKey":"s"}' };
  let key: Buffer;
  let document: EncryptedVaultDocument;
  let text: string;

  beforeAll(async () => {
    key = await deriveVaultKey("fuzz passphrase", kdf);
    document = encryptEntries(entries, key, kdf);
    text = serializeVaultDocument(document);
  });

  it("parses any text into a document or a vault error", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          fc.constant(null).chain(() => mutatedObject(JSON.parse(text) as Record<string, unknown>)),
        ),
        (candidate) => {
          try {
            parseVaultDocument(candidate, "/v.json");
          } catch (error) {
            expect(error).toBeInstanceOf(CredoError);
            expect((error as CredoError).exitCode).toBe("vault");
          }
        },
      ),
      runs,
    );
  });

  it("any flipped byte is refused with a vault error, or decodes to the very same entries", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const bytes = Buffer.from(text, "utf8");
        const index = at % bytes.length;
        bytes[index] = bytes[index]! ^ mask;
        try {
          const parsed = parseVaultDocument(bytes.toString("utf8"), "/v.json");
          if (parsed.kind === "plain") throw new Error("a flipped byte turned the vault plain");
          // Base64 is decoded leniently, so a flip in padding bits can leave the bytes as they were.
          expect(decryptEntries(parsed, key)).toEqual(entries);
        } catch (error) {
          expect(error).toBeInstanceOf(CredoError);
          expect((error as CredoError).exitCode).toBe("vault");
        }
      }),
      runs,
    );
  });
});

import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, totp, verifyTotp } from "../../src/emulator/totp.js";

// RFC 6238 Appendix B, SHA-1 rows: the seed is the ASCII "12345678901234567890", 8 digits.
const rfcSeed = base32Encode(Buffer.from("12345678901234567890", "ascii"));
const rfcVectors: Array<[seconds: number, code: string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("totp", () => {
  it.each(rfcVectors)("RFC 6238 SHA-1 vector at T=%i", (seconds, code) => {
    expect(totp(rfcSeed, seconds * 1000, 8)).toBe(code);
  });

  it("gives the six-digit code AWS virtual MFA devices show (last six of the RFC value)", () => {
    expect(totp(rfcSeed, 59_000)).toBe("287082");
  });

  it("round-trips base32", () => {
    expect(base32Decode(rfcSeed).toString("ascii")).toBe("12345678901234567890");
    expect(base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq====").toString("ascii")).toBe(
      "12345678901234567890",
    );
  });

  it("accepts one step of drift either side and nothing further", () => {
    const now = 1_700_000_000_000;
    expect(verifyTotp(rfcSeed, totp(rfcSeed, now), now)).toBe(true);
    expect(verifyTotp(rfcSeed, totp(rfcSeed, now - 30_000), now)).toBe(true);
    expect(verifyTotp(rfcSeed, totp(rfcSeed, now + 30_000), now)).toBe(true);
    expect(verifyTotp(rfcSeed, totp(rfcSeed, now - 90_000), now)).toBe(false);
    expect(verifyTotp(rfcSeed, totp(rfcSeed, now + 90_000), now)).toBe(false);
  });
});

import { createHash, createPublicKey, verify, type JsonWebKey } from "node:crypto";

export interface VerifiedDpopProof {
  /** RFC 7638 thumbprint of the proof's public key: what a refresh token is bound to. */
  thumbprint: string;
  jti: string;
}

/** How far a proof's iat may be from the server's clock. */
const iatToleranceSeconds = 300;

/**
 * Checks an RFC 9449 DPoP proof as a server must: a compact JWS with typ
 * dpop+jwt and alg ES256, signed by the P-256 key in its own jwk header,
 * whose htm/htu name this request and whose iat is recent. Returns the key's
 * thumbprint and the jti (the caller rejects a jti seen before); throws an
 * Error whose message says what is wrong.
 */
export function verifyDpopProof(
  proof: string | undefined,
  expected: { method: string; url: string; now: number },
): VerifiedDpopProof {
  if (proof === undefined || proof === "") throw new Error("the DPoP header is missing");
  const parts = proof.split(".");
  if (parts.length !== 3) throw new Error("the DPoP proof is not a compact JWS");
  const [headerPart = "", payloadPart = "", signaturePart = ""] = parts;
  const header = decodeJson(headerPart, "header");
  const payload = decodeJson(payloadPart, "payload");
  if (header["typ"] !== "dpop+jwt") throw new Error("the DPoP proof's typ is not dpop+jwt");
  if (header["alg"] !== "ES256") throw new Error("the DPoP proof's alg is not ES256");
  const jwk = header["jwk"] as Record<string, unknown> | undefined;
  if (
    typeof jwk !== "object" ||
    jwk === null ||
    jwk["kty"] !== "EC" ||
    jwk["crv"] !== "P-256" ||
    typeof jwk["x"] !== "string" ||
    typeof jwk["y"] !== "string" ||
    "d" in jwk
  ) {
    throw new Error("the DPoP proof's jwk is not a public EC P-256 key");
  }
  const publicJwk = { kty: "EC", crv: "P-256", x: jwk["x"], y: jwk["y"] };
  let valid: boolean;
  try {
    valid = verify(
      "sha256",
      Buffer.from(`${headerPart}.${payloadPart}`),
      {
        key: createPublicKey({ key: publicJwk as JsonWebKey, format: "jwk" }),
        dsaEncoding: "ieee-p1363",
      },
      Buffer.from(signaturePart, "base64url"),
    );
  } catch {
    valid = false;
  }
  if (!valid) throw new Error("the DPoP proof's signature does not verify with its jwk");
  if (payload["htm"] !== expected.method)
    throw new Error(`the DPoP proof's htm is not ${expected.method}`);
  if (payload["htu"] !== expected.url)
    throw new Error(`the DPoP proof's htu is not ${expected.url}`);
  const iat = payload["iat"];
  if (typeof iat !== "number" || Math.abs(iat - expected.now / 1000) > iatToleranceSeconds)
    throw new Error("the DPoP proof's iat is missing or too far from the current time");
  const jti = payload["jti"];
  if (typeof jti !== "string" || jti === "") throw new Error("the DPoP proof has no jti");
  return { thumbprint: jwkThumbprint(publicJwk), jti };
}

/** RFC 7638: SHA-256 over the required members in lexicographic order. */
export function jwkThumbprint(jwk: { crv: string; kty: string; x: unknown; y: unknown }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash("sha256").update(canonical).digest("base64url");
}

function decodeJson(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    if (typeof value === "object" && value !== null) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new Error(`the DPoP proof's ${what} is not JSON`);
}

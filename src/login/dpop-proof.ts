import { createPrivateKey, createPublicKey, randomUUID, sign, type KeyObject } from "node:crypto";

export interface DpopProofRequest {
  /** The cached dpopKey: an EC P-256 private key, PEM (SEC1 or PKCS#8). */
  privateKeyPem: string;
  method: string;
  /** The URL the request goes to, without query (RFC 9449 htu). */
  url: string;
  now: number;
  /** Fixed in tests; a fresh UUID otherwise. */
  jti?: string;
}

/**
 * An RFC 9449 DPoP proof as the sign-in service expects it from `aws login`
 * clients (botocore _build_dpop_header): a compact JWS, typ dpop+jwt, ES256
 * over the cached key, the public key in the jwk header, htm/htu/iat/jti
 * claims. node:crypto signs; ieee-p1363 gives JWS's raw r||s signature.
 */
export function dpopProof(request: DpopProofRequest): string {
  const privateKey = loadDpopKey(request.privateKeyPem);
  const jwk = createPublicKey(privateKey).export({ format: "jwk" });
  const header = {
    typ: "dpop+jwt",
    alg: "ES256",
    jwk: { kty: jwk.kty, x: jwk.x, y: jwk.y, crv: jwk.crv },
  };
  const payload = {
    htm: request.method,
    htu: request.url,
    iat: Math.floor(request.now / 1000),
    jti: request.jti ?? randomUUID(),
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign("sha256", Buffer.from(signingInput), {
    key: privateKey,
    dsaEncoding: "ieee-p1363",
  });
  return `${signingInput}.${signature.toString("base64url")}`;
}

/** The key as a P-256 key object; anything else is an Error for the caller to word. */
export function loadDpopKey(pem: string): KeyObject {
  const key = createPrivateKey({ key: pem, format: "pem" });
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1")
    throw new Error("the DPoP key is not an EC P-256 key");
  return key;
}

function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

import { generate } from "selfsigned";

/** The identity provider's RSA key and the self-signed certificate AWS would hold in its SAML provider. */
export interface SamlSigningKey {
  privateKeyPem: string;
  certificatePem: string;
}

/** A fresh key pair and certificate, as a real IdP shows in its metadata (RSA-2048, SHA-256). */
export async function generateSamlSigningKey(issuer: string): Promise<SamlSigningKey> {
  const pems = await generate([{ name: "commonName", value: issuer }], {
    keySize: 2048,
    algorithm: "sha256",
  });
  return { privateKeyPem: pems.private, certificatePem: pems.cert };
}

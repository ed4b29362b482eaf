import { randomBytes, randomInt, randomUUID } from "node:crypto";

const upperAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** AWS-looking identifiers: a four-letter prefix (AKIA, ASIA, AIDA, AROA) and upper-case base32 characters. */
export function awsId(prefix: string, length: number): string {
  let id = prefix;
  while (id.length < length) id += upperAlphanumeric[randomInt(upperAlphanumeric.length)];
  return id;
}

/** 40 characters, the length and alphabet of a real secret access key. */
export function secretAccessKey(): string {
  return randomBytes(30).toString("base64").replace(/[+/]/g, "0").slice(0, 40);
}

/** Opaque base64 like STS session tokens; real ones run to several hundred characters. */
export function sessionToken(): string {
  return `IQoJb3JpZ2luX2Vj${randomBytes(264).toString("base64")}`;
}

export function opaqueToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function requestId(): string {
  return randomUUID();
}

/**
 * Enough of an access key id to tell keys apart (its prefix says long-term
 * AKIA or temporary ASIA; the last four match the IAM console), not the id.
 */
export function maskAccessKeyId(id: string): string {
  return id.length <= 8 ? "****" : `${id.slice(0, 4)}${"*".repeat(id.length - 8)}${id.slice(-4)}`;
}

import { join } from "node:path";
import type { FileReader } from "../io/file-system.js";

/**
 * CREDO_HOME/hubs.json: each hub's access key id, `{"acme": {"accessKeyId":
 * "AKIA..."}}`. The id is not a secret, and it is needed where the vault is
 * not opened: a hub's cached MFA session is keyed by it (so a replaced key
 * never reuses the old key's session), and a cache hit, including the
 * `credo process` fast path, must find the session without the passphrase.
 * Written by hub add, import and rotate (hub-key-ids-write.ts); this reader
 * loads nothing else, for the fast path.
 */
export function hubKeyIdsPath(credoHome: string): string {
  return join(credoHome, "hubs.json");
}

/**
 * `userName` is the IAM user the key belongs to (from GetCallerIdentity, for
 * `source_identity = {hub_user}`), recorded beside the key it was found with:
 * a new key drops it, and it is looked up again.
 */
export type HubKeyIds = Record<string, { accessKeyId: string; userName?: string }>;

/** The recorded ids; an absent or unreadable file records none (a hub added before it existed). */
export async function readHubKeyIds(credoHome: string, files: FileReader): Promise<HubKeyIds> {
  let value: unknown;
  try {
    value = JSON.parse((await files.readText(hubKeyIdsPath(credoHome))) ?? "{}");
  } catch {
    return {};
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const ids: HubKeyIds = {};
  for (const [hub, entry] of Object.entries(value as Record<string, unknown>)) {
    const { accessKeyId: id, userName } = (entry ?? {}) as {
      accessKeyId?: unknown;
      userName?: unknown;
    };
    if (typeof id !== "string" || id === "") continue;
    ids[hub] =
      typeof userName === "string" && userName !== ""
        ? { accessKeyId: id, userName }
        : { accessKeyId: id };
  }
  return ids;
}

export async function readHubKeyId(
  credoHome: string,
  hub: string,
  files: FileReader,
): Promise<string | undefined> {
  return (await readHubKeyIds(credoHome, files))[hub]?.accessKeyId;
}

import { sha1 } from "@noble/hashes/legacy.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { join } from "node:path";

/**
 * Where the AWS CLI v2 keeps a session's SSO token: `~/.aws/sso/cache/<sha1>.json`,
 * the hash of the sso-session name, or of the start URL for a legacy profile
 * (botocore SSOTokenLoader._generate_cache_key). Kept apart from token-cache.ts
 * because the `credo process` fast path reads the token too: SHA-1 from
 * @noble/hashes, as loading node:crypto costs ~2 ms of a ~30 ms run.
 */
export interface SsoTokenKey {
  sessionName?: string | undefined;
  startUrl: string;
}

export function ssoCacheDirectory(homedir: string): string {
  return join(homedir, ".aws", "sso", "cache");
}

export function tokenCachePath(homedir: string, key: SsoTokenKey): string {
  const name = bytesToHex(sha1(utf8ToBytes(key.sessionName ?? key.startUrl)));
  return join(ssoCacheDirectory(homedir), `${name}.json`);
}

import type { Env } from "../io/env.js";

/**
 * The credential_process fast path: on a cache hit, print the cached
 * credentials and return true without loading the CLI parser or the AWS SDK.
 * Returns false when the full CLI must take over (miss, refresh, prompt, error).
 */
export async function tryProcessFastPath(_argv: readonly string[], _env: Env): Promise<boolean> {
  return false;
}

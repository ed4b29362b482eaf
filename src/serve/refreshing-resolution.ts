import { RefreshingCredentials } from "../cache/refreshing-credentials.js";
import type { Resolution } from "../providers/resolve.js";
import type { CredentialRuntime } from "../runtime/credential-runtime.js";

/** How long before expiry long-running holders refresh: just inside the disk cache's margin. */
export const sessionRefreshAdvisoryMs = 4 * 60_000;

/**
 * In-memory credentials for a long-running holder (`exec --server`,
 * `serve`), starting from a resolution already made (so any MFA prompt
 * happened up front) and resolving the same profile again near expiry.
 */
export function refreshingResolution(
  runtime: CredentialRuntime,
  first: Resolution,
): RefreshingCredentials {
  let initial: Resolution["credentials"] | undefined = first.credentials;
  return new RefreshingCredentials({
    clock: runtime.ctx.clock,
    logger: runtime.ctx.logger,
    // Inside the disk cache's 5-minute margin, so a refresh really reaches STS
    // instead of reading back the same cached credentials.
    advisoryWindowMs: sessionRefreshAdvisoryMs,
    source: async () => {
      const ready = initial;
      initial = undefined;
      return ready ?? (await runtime.resolve(first.profile)).credentials;
    },
  });
}

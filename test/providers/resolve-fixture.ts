import type { SessionCache } from "../../src/cache/session-cache.js";
import { passThroughCache } from "../../src/cache/session-cache.js";
import { systemClock } from "../../src/io/clock.js";
import type { Env } from "../../src/io/env.js";
import { memoryFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import { loadProfileSet } from "../../src/profile-files/load.js";
import type { AwsCredentials } from "../../src/aws/aws-credentials.js";
import type { ResolveInputs } from "../../src/providers/resolve.js";

export interface FixtureFiles {
  config?: string;
  credentials?: string;
  extra?: Record<string, string>;
}

/** Resolve inputs over a virtual home (/home) with the given file texts. */
export async function resolveInputsFor(
  env: Env,
  files: FixtureFiles,
  overrides: Partial<ResolveInputs> = {},
): Promise<ResolveInputs> {
  const map = new Map<string, string>(Object.entries(files.extra ?? {}));
  if (files.config !== undefined) map.set("/home/.aws/config", files.config);
  if (files.credentials !== undefined) map.set("/home/.aws/credentials", files.credentials);
  const reader = memoryFileReader(map);
  const fullEnv = { HOME: "/home", AWS_EC2_METADATA_DISABLED: "true", ...env };
  const { profileSet } = await loadProfileSet({
    env: fullEnv,
    files: reader,
    homedir: "/home",
    platform: "linux",
  });
  return {
    env: fullEnv,
    profileSet,
    files: reader,
    homedir: "/home",
    clock: systemClock,
    logger: silentLogger,
    cache: passThroughCache,
    mfa: () => Promise.reject(new Error("unexpected MFA prompt")),
    hubCredentials: (name) => Promise.reject(new Error(`unexpected hub ${name}`)),
    ...overrides,
  };
}

/** A SessionCache in memory: the same contract as the disk cache, enough to count calls saved. */
export function memorySessionCache(): SessionCache & { keys: string[] } {
  const entries = new Map<string, AwsCredentials>();
  const keys: string[] = [];
  return {
    keys,
    async getOrFetch(keyParts, fetch) {
      const key = JSON.stringify(keyParts);
      const hit = entries.get(key);
      if (hit !== undefined) return { credentials: hit, fromCache: true };
      keys.push(key);
      const credentials = await fetch();
      entries.set(key, credentials);
      return { credentials, fromCache: false };
    },
  };
}

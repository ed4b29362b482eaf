import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CachedSession } from "../cache/cache-file.js";
import { cacheFileNameOfKey, canonicalJson, readCacheFile } from "../cache/cache-file.js";
import { stsLocation } from "../config/sts-location.js";
import type { Env } from "../io/env.js";
import { isNotFound, nodeFileReader } from "../io/file-system.js";
import { silentLogger } from "../io/logger.js";
import type { ProfileSet } from "../profile-files/types.js";
import type { ChainPlan } from "../providers/plan-chain.js";
import { planChain } from "../providers/plan-chain.js";
import { roleStepChains } from "../providers/role-step-chains.js";
import { recordedSourceIdentity } from "../providers/source-identity.js";
import { assumeRoleKeyParts, hubSessionKeyParts } from "../providers/session-key-parts.js";
import type { HubKeyIds } from "../vault/hub-key-ids.js";
import { readHubKeyIds } from "../vault/hub-key-ids.js";

export type SessionState =
  { state: "valid"; expiresAt: Date } | { state: "expired"; expiresAt: Date } | { state: "none" };

export interface SessionStateInputs {
  profileSet: ProfileSet;
  env: Env;
  /** CREDO_HOME/cache; the hubs' key ids are read from CREDO_HOME/hubs.json beside it. */
  cacheDir: string;
  now: number;
}

/**
 * The cached session of each hub and role profile, looked up under exactly
 * the keys the chain uses (session-key-parts.ts). A role's key holds the
 * access key id of the credentials that assumed it, so the lookup walks the
 * chain through the cache: hub session (or static key) -> each role. One
 * readdir tells which keys have a file; only those files are read, so
 * thousands of profiles cost one directory listing.
 */
export async function sessionStates(
  names: readonly string[],
  inputs: SessionStateInputs,
): Promise<Map<string, SessionState>> {
  const present = cacheFileNames(inputs.cacheDir);
  const reads = new Map<string, Promise<CachedSession | undefined>>();
  // Every role over a hub looks its hub's session up again: hash each key once.
  const fileNames = new Map<string, string>();
  const cached = (keyParts: Record<string, unknown>): Promise<CachedSession | undefined> => {
    const key = canonicalJson(keyParts);
    let fileName = fileNames.get(key);
    if (fileName === undefined) {
      fileName = cacheFileNameOfKey(key);
      fileNames.set(key, fileName);
    }
    if (!present.has(fileName)) return Promise.resolve(undefined);
    let read = reads.get(fileName);
    if (read === undefined) {
      read = readCacheFile(join(inputs.cacheDir, fileName), silentLogger).catch(() => undefined);
      reads.set(fileName, read);
    }
    return read;
  };
  const hubKeyIds = await readHubKeyIds(dirname(inputs.cacheDir), nodeFileReader);
  const states = new Map<string, SessionState>();
  await Promise.all(
    names.map(async (name) => {
      const session = await cachedSessionOf(name, inputs, hubKeyIds, cached).catch(() => undefined);
      const expiresAt = session?.credentials.expiration;
      states.set(
        name,
        expiresAt === undefined
          ? { state: "none" }
          : { state: expiresAt.getTime() > inputs.now ? "valid" : "expired", expiresAt },
      );
    }),
  );
  return states;
}

async function cachedSessionOf(
  name: string,
  inputs: SessionStateInputs,
  hubKeyIds: HubKeyIds,
  cached: (keyParts: Record<string, unknown>) => Promise<CachedSession | undefined>,
): Promise<CachedSession | undefined> {
  const { profileSet, env } = inputs;
  let plan: ChainPlan;
  try {
    plan = planChain(profileSet, name);
  } catch {
    // A broken chain has no session; `credo doctor` explains what is wrong.
    return undefined;
  }
  const { base } = plan;
  const sts = stsLocation(env, profileSet.profiles[name], profileSet);
  let session: CachedSession | undefined;
  let sourceAccessKeyId: string | undefined;
  if (base.kind === "Hub") {
    // The hub's own session is keyed on the hub profile's STS location.
    const hubProfile = profileSet.profiles[base.hubName];
    session = await cached(
      hubSessionKeyParts(
        base.hubName,
        hubProfile,
        stsLocation(env, hubProfile, profileSet),
        hubKeyIds[base.hubName]?.accessKeyId,
      ),
    );
    sourceAccessKeyId = session?.credentials.accessKeyId;
  } else if (base.kind === "AccessKey") {
    sourceAccessKeyId = base.accessKeyId;
  }
  const chains = roleStepChains(plan);
  for (const [index, step] of plan.roles.entries()) {
    if (sourceAccessKeyId === undefined) return undefined;
    const sourceIdentity = recordedSourceIdentity(step, base, (hub) => hubKeyIds[hub]?.userName);
    if (!sourceIdentity.known) return undefined;
    session = await cached(
      assumeRoleKeyParts(step, chains[index] ?? [], sts, sourceAccessKeyId, sourceIdentity.value),
    );
    sourceAccessKeyId = session?.credentials.accessKeyId;
  }
  return session;
}

/** Synchronous, as every read of a listing: the first asynchronous call loads fs/promises. */
function cacheFileNames(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir));
  } catch (error) {
    if (isNotFound(error)) return new Set();
    throw error;
  }
}

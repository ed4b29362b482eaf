import { join } from "node:path";
import { createAccessKey, deleteAccessKey, listAccessKeyIds } from "../aws/iam.js";
import { getCallerIdentity } from "../aws/sts.js";
import { clearCache } from "../cache/clear-cache.js";
import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { resolveEndpointUrl } from "../config/resolve-endpoint-url.js";
import { ConfigError, CredoError } from "../errors.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { CredentialRuntime } from "../runtime/credential-runtime.js";
import { recordHubKeyId } from "../vault/hub-key-ids-write.js";
import { getHubKeys, setHubKeys } from "../vault/hub-keys.js";
import { isManaged } from "./managed-profile.js";
import { isHubSession } from "./hub-session.js";

export interface RotateOptions {
  /** GetCallerIdentity attempts on the new key: on real AWS a new key takes a few seconds to work. */
  verifyAttempts?: number;
  verifyDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RotateResult {
  oldAccessKeyId: string;
  newAccessKeyId: string;
}

/**
 * `credo rotate HUB`: CreateAccessKey, prove the new key works
 * (GetCallerIdentity, retried briefly), store it in the vault, then
 * DeleteAccessKey the old one, and drop the hub's cached sessions. IAM is
 * called with the hub's MFA session when the hub has an MFA device (account
 * policies commonly deny IAM without MFA, and AWS denies IAM to sessions
 * without MFA outright), else with the long-term key itself.
 */
export async function rotateHubKey(
  runtime: CredentialRuntime,
  hub: string,
  options: RotateOptions = {},
): Promise<RotateResult> {
  const profile = runtime.files.profileSet.configFileProfiles[hub];
  if (!isManaged(profile, "hub"))
    throw new ConfigError(`There is no hub "${hub}".`, "See `credo hub list`.");
  const vault = await runtime.vault();
  const old = await getHubKeys(vault, hub);
  if (old === undefined) {
    throw new ConfigError(
      `The vault holds no access key for hub "${hub}".`,
      `Add it with \`credo hub add ${hub}\`.`,
    );
  }
  const caller: AwsCredentials =
    nonEmptyProperty(profile, "mfa_serial") === undefined ? old : await runtime.hubCredentials(hub);
  const sts = runtime.chain(hub).sts;
  const iamEndpoint = resolveEndpointUrl({
    service: "IAM",
    env: runtime.ctx.env,
    profile: runtime.files.profileSet.profiles[hub],
    profileSet: runtime.files.profileSet,
  });
  // IAM is a global service, signed for us-east-1 in the aws partition.
  const iam = {
    ...sts,
    region: "us-east-1",
    ...(iamEndpoint === undefined ? {} : { endpoint: iamEndpoint }),
  };

  const existing = await listAccessKeyIds(iam, caller);
  const others = existing.filter((id) => id !== old.accessKeyId);
  if (existing.length >= 2) {
    throw new CredoError(
      `The IAM user already has two access keys, the most IAM allows; credo cannot create a third.`,
      {
        exitCode: "config",
        hint: `Delete the unused key ${others.join(", ")} in the IAM console (or with the AWS CLI), then run \`credo rotate ${hub}\` again.`,
      },
    );
  }
  const created = await createAccessKey(iam, caller);
  const fresh: AwsCredentials = {
    accessKeyId: created.accessKeyId,
    secretAccessKey: created.secretAccessKey,
  };
  try {
    await verify(sts, fresh, options);
  } catch (error) {
    await deleteAccessKey(iam, caller, created.accessKeyId).catch(() => undefined);
    throw new CredoError(
      `The new access key did not work, so credo deleted it and kept the old one.`,
      {
        exitCode: "auth",
        hint: "Try `credo rotate` again in a minute.",
        cause: error,
      },
    );
  }
  await setHubKeys(vault, hub, created);
  await recordHubKeyId(runtime.credoHome, hub, created.accessKeyId, runtime.ctx.files);
  try {
    await deleteAccessKey(iam, caller, old.accessKeyId);
  } catch (error) {
    throw new CredoError(
      `The new key ${created.accessKeyId} is stored, but deleting the old key ${old.accessKeyId} failed.`,
      { exitCode: "auth", hint: "Delete the old key in the IAM console.", cause: error },
    );
  } finally {
    await clearCache(join(runtime.credoHome, "cache"), (key) => isHubSession(key, hub));
  }
  return { oldAccessKeyId: old.accessKeyId, newAccessKeyId: created.accessKeyId };
}

async function verify(
  sts: Parameters<typeof getCallerIdentity>[0],
  credentials: AwsCredentials,
  options: RotateOptions,
): Promise<void> {
  const attempts = options.verifyAttempts ?? 5;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt += 1) {
    try {
      await getCallerIdentity(sts, credentials);
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(options.verifyDelayMs ?? 2_000);
    }
  }
}

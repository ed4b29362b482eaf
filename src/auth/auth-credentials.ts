import { assumeRole } from "../aws/sts.js";
import { nonEmptyProperty, stringProperty } from "../profile-files/profile-property.js";
import { ConfigError, CredoError, UsageError } from "../errors.js";
import type { Properties } from "../profile-files/types.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import { parseCredoProcessCommand } from "../providers/credo-process-command.js";
import { hubSessionCredentials } from "../providers/hub-session-credentials.js";
import { resolveCredentials } from "../providers/resolve.js";
import { defaultRoleSessionName } from "../providers/role-session-name.js";
import type { CredentialRuntime } from "../runtime/credential-runtime.js";
import { readHubKeyId } from "../vault/hub-key-ids.js";
import { getHubKeys } from "../vault/hub-keys.js";

export interface AuthCredentialsRequest {
  profile: string;
  /** --duration: the MFA session's length for a hub, the role session's for a role. */
  durationSeconds?: number;
  /** --no-session: AssumeRole straight from the hub's long-term keys with the MFA code (the seed's flow). */
  noSession: boolean;
}

export interface AuthCredentials {
  credentials: AwsCredentials;
  /** The hub whose MFA session backs these credentials, when there is one. */
  hub: string | undefined;
  /** When the credentials can no longer be renewed without a new MFA code (keep-fresh stops there). */
  renewableUntil: Date | undefined;
}

/** Role sessions may last at most 12 hours (IAM MaxSessionDuration). */
const maxRoleSeconds = 43_200;

/**
 * The temporary credentials `credo auth` hands over: a hub's MFA session, a
 * role's session (through the cached hub MFA session, or directly with an
 * MFA code under --no-session), or whatever the chain gives for another
 * profile as long as it is temporary: long-term keys are never written out.
 */
export async function authCredentials(
  runtime: CredentialRuntime,
  request: AuthCredentialsRequest,
): Promise<AuthCredentials> {
  const profiles = runtime.files.profileSet.profiles;
  const profile = profiles[request.profile];
  if (profile === undefined) {
    throw new ConfigError(
      `There is no profile "${request.profile}".`,
      "See `credo hub list` and `credo role list`.",
    );
  }
  const hub = hubOf(profile);
  if (hub !== undefined) {
    if (request.noSession) {
      throw new UsageError(
        "--no-session applies to roles: a hub's credentials are its MFA session.",
      );
    }
    const credentials = await hubSession(runtime, hub, request.durationSeconds);
    return { credentials, hub, renewableUntil: credentials.expiration };
  }
  const roleArn = nonEmptyProperty(profile, "role_arn");
  const sourceHub = hubOf(profiles[nonEmptyProperty(profile, "source_profile") ?? ""]);
  if (
    request.durationSeconds !== undefined &&
    request.durationSeconds > maxRoleSeconds &&
    roleArn !== undefined
  ) {
    throw new UsageError(
      `A role session lasts at most ${maxRoleSeconds} seconds.`,
      "Use a smaller --duration.",
    );
  }
  if (request.noSession) {
    if (roleArn === undefined || sourceHub === undefined) {
      throw new UsageError(
        `--no-session needs a role profile whose source_profile is a credo hub; "${request.profile}" is not one.`,
      );
    }
    const credentials = await directAssumeRole(runtime, request, profile, roleArn, sourceHub);
    return { credentials, hub: sourceHub, renewableUntil: credentials.expiration };
  }
  const inputs = runtime.resolveInputs(request.profile);
  const withDuration =
    request.durationSeconds === undefined || roleArn === undefined
      ? inputs
      : {
          ...inputs,
          profileSet: {
            ...inputs.profileSet,
            profiles: {
              ...profiles,
              [request.profile]: { ...profile, duration_seconds: String(request.durationSeconds) },
            },
          },
        };
  const { credentials } = await resolveCredentials(withDuration);
  if (credentials.sessionToken === undefined) {
    throw new CredoError(
      `Profile "${request.profile}" resolves to long-term keys; credo auth writes only temporary credentials.`,
      {
        exitCode: "config",
        hint: "Turn the keys into a hub with `credo import`, then authenticate the hub or a role.",
      },
    );
  }
  // A role from a hub is renewable for as long as the hub's MFA session lasts (a cache hit by now).
  const renewableUntil =
    sourceHub === undefined ? undefined : (await runtime.hubCredentials(sourceHub)).expiration;
  return { credentials, hub: sourceHub, renewableUntil };
}

/** The hub behind a profile whose credential_process is `credo process HUB`. */
export function hubOf(profile: Properties | undefined): string | undefined {
  const command = stringProperty(profile, "credential_process");
  return command === undefined ? undefined : parseCredoProcessCommand(command);
}

function hubSession(
  runtime: CredentialRuntime,
  hub: string,
  durationSeconds: number | undefined,
): Promise<AwsCredentials> {
  if (durationSeconds === undefined) return runtime.hubCredentials(hub);
  // Same provider and cache as every hub session, for a session of the asked length (its own cache entry).
  return hubSessionCredentials({
    profileOf: (name) => ({
      ...runtime.files.profileSet.profiles[name],
      credo_session_duration: String(durationSeconds),
    }),
    cache: runtime.cache,
    mfa: runtime.deps.mfa,
    logger: runtime.ctx.logger,
    stsFor: (name) => runtime.chain(name).sts,
    recordedKeyId: (name) => readHubKeyId(runtime.credoHome, name, runtime.ctx.files),
    hubKeys: async (name) => getHubKeys(await runtime.vault(), name),
  })(hub);
}

/** The seed's flow: AssumeRole signed with the hub's long-term keys, with SerialNumber and TokenCode. */
async function directAssumeRole(
  runtime: CredentialRuntime,
  request: AuthCredentialsRequest,
  profile: Properties,
  roleArn: string,
  hub: string,
): Promise<AwsCredentials> {
  const hubProfile = runtime.files.profileSet.profiles[hub];
  const serial =
    nonEmptyProperty(profile, "mfa_serial") ?? nonEmptyProperty(hubProfile, "mfa_serial");
  if (serial === undefined) {
    throw new ConfigError(
      `Neither "${request.profile}" nor hub "${hub}" has an mfa_serial.`,
      "Add mfa_serial to the hub profile.",
    );
  }
  const keys = await getHubKeys(await runtime.vault(), hub);
  if (keys === undefined) {
    throw new ConfigError(
      `The vault holds no access key for hub "${hub}".`,
      `Add it with \`credo hub add ${hub}\`.`,
    );
  }
  const mfaProcess = stringProperty(hubProfile, "credo_mfa_process");
  const tokenCode = await runtime.deps.mfa({
    serial,
    profile: hub,
    ...(mfaProcess === undefined ? {} : { mfaProcess }),
  });
  const externalId = nonEmptyProperty(profile, "external_id");
  const configured = nonEmptyProperty(profile, "duration_seconds");
  const durationSeconds =
    request.durationSeconds ?? (configured === undefined ? undefined : Number(configured));
  return assumeRole(runtime.chain(request.profile).sts, keys, {
    roleArn,
    roleSessionName:
      nonEmptyProperty(profile, "role_session_name") ??
      defaultRoleSessionName(runtime.ctx.clock.now()),
    serialNumber: serial,
    tokenCode,
    ...(externalId === undefined ? {} : { externalId }),
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
  });
}

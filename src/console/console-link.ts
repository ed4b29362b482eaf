import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { resolveRegion } from "../config/resolve-region.js";
import { selectProfile } from "../config/select-profile.js";
import type { AwsCallContext } from "../aws/aws-call-context.js";
import { networkTransport } from "../aws/network-transport.js";
import { ConfigError, UsageError } from "../errors.js";
import { envValue } from "../io/env.js";
import { hubNameOf } from "../pickers/hub-topology.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import { assertProfileExists } from "../providers/resolve.js";
import type { CredentialRuntime } from "../runtime/credential-runtime.js";
import { getHubKeys } from "../vault/hub-keys.js";
import { checkLanding, consoleDestination } from "./console-destination.js";
import { partitionOfArn, partitionOfRegion } from "./partition.js";
import { consoleSigninUrl, switchRoleUrl } from "./signin-url.js";

export interface ConsoleLinkRequest {
  /** The profile (positional or --profile); undefined picks it as the SDKs do. */
  profileOption: string | undefined;
  destination?: string;
  /** A console service (s3, ec2, ...) or a console path to land on, instead of a destination URL. */
  service?: string;
  path?: string;
  region?: string;
  /** The console session's length in seconds (--duration). */
  durationSeconds?: number;
  /** The console's switch-role link instead of a sign-in (no credentials needed). */
  switchRole?: boolean;
}

export interface ConsoleLink {
  profile: string;
  kind: "signin" | "switch-role";
  /** For "signin" a bearer secret for 15 minutes: print it only when asked. */
  url: string;
  /** What signs in: "federation token" for a hub, else the credential source. */
  via: string;
  /** Who the console shows once signed in (profile, role or hub, account), to notice a change of account. */
  identity: string;
  /** The partition's console logout, for a browser signed in as someone else. */
  logoutUrl: string;
}

/**
 * The console link for a profile (`credo web`). A hub's MFA session comes from
 * GetSessionToken, which the console refuses, so a hub signs in with a
 * GetFederationToken session made from its long-term keys in the vault;
 * roles and SSO profiles sign in with their own session.
 */
export async function consoleLink(
  runtime: CredentialRuntime,
  request: ConsoleLinkRequest,
): Promise<ConsoleLink> {
  const { env } = runtime.ctx;
  const { profileSet } = runtime.files;
  const selection = selectProfile(request.profileOption, env);
  assertProfileExists(profileSet, selection.name, selection.from);
  const profile = selection.name;
  const properties = profileSet.profiles[profile];
  const roleArn = nonEmptyProperty(properties, "role_arn");

  if (request.switchRole) {
    if (roleArn === undefined) {
      throw new ConfigError(
        `Profile "${profile}" has no role_arn, so it has no switch-role link.`,
        "Use --switch-role with a role profile, or drop it to sign in directly.",
      );
    }
    const partition = partitionOfArn(roleArn);
    return {
      profile,
      kind: "switch-role",
      url: switchRoleUrl(roleArn, partition, profile),
      via: "switch-role",
      identity: roleArn,
      logoutUrl: consoleLogoutUrl(partition.signinUrl),
    };
  }

  // A mistyped landing place fails before any AWS call, not after a sign-in.
  checkLanding({
    ...(request.service === undefined ? {} : { service: request.service }),
    ...(request.path === undefined ? {} : { path: request.path }),
    ...(request.destination === undefined ? {} : { destination: request.destination }),
  });
  const hub = hubNameOf(properties);
  const { credentials, region, via } =
    hub === undefined
      ? await resolvedSession(runtime, profile, request.durationSeconds)
      : await hubFederationSession(runtime, profile, hub, request.durationSeconds);
  const chosenRegion = request.region ?? region;
  const signinUrlOverride = envValue(env, "CREDO_SIGNIN_URL");
  const partition = roleArn === undefined ? partitionOfRegion(region) : partitionOfArn(roleArn);
  const destination = consoleDestination({
    partition,
    ...(request.service === undefined ? {} : { service: request.service }),
    ...(request.path === undefined ? {} : { path: request.path }),
    ...(request.destination === undefined ? {} : { destination: request.destination }),
    ...(chosenRegion === undefined ? {} : { region: chosenRegion }),
  });
  // A federation token's console session lasts as long as the token; only role sessions take SessionDuration.
  const federated = via === "federation token";
  if (!federated && request.durationSeconds !== undefined && request.durationSeconds > 43_200)
    throw new UsageError(
      `A role's console session lasts 900 to 43200 seconds, not ${request.durationSeconds}.`,
      "Give a shorter --duration.",
    );
  const url = await consoleSigninUrl({
    credentials,
    partition,
    destination,
    ...(signinUrlOverride === undefined ? {} : { signinUrlOverride }),
    ...(chosenRegion === undefined ? {} : { region: chosenRegion }),
    ...(request.durationSeconds === undefined || federated
      ? {}
      : { sessionDurationSeconds: request.durationSeconds }),
    transport: networkTransport(runtime.chain(profile).sts.network),
  });
  const identity = [profile, roleArn ?? hub ?? via, credentials.accountId ?? ""].join(" ").trim();
  const logoutUrl = consoleLogoutUrl(signinUrlOverride ?? partition.signinUrl);
  return { profile, kind: "signin", url, via, identity, logoutUrl };
}

/**
 * The console's sign-out, which then goes on to redirect_uri: credo sends a
 * browser that holds another identity's session through it to the sign-in.
 */
function consoleLogoutUrl(signinEndpoint: string): string {
  return new URL("/oauth?Action=logout", signinEndpoint).toString();
}

interface Session {
  credentials: AwsCredentials;
  region: string | undefined;
  via: string;
}

async function resolvedSession(
  runtime: CredentialRuntime,
  profile: string,
  durationSeconds: number | undefined,
): Promise<Session> {
  const resolution = await runtime.resolve(profile);
  if (resolution.credentials.sessionToken !== undefined) {
    return {
      credentials: resolution.credentials,
      region: resolution.region,
      via: resolution.source,
    };
  }
  // Long-term keys of any kind cannot sign in; like a hub's, they can make a federation token.
  const sts = runtime.chain(profile).sts;
  return {
    credentials: await federationSession(sts, resolution.credentials, profile, durationSeconds),
    region: resolution.region,
    via: "federation token",
  };
}

async function hubFederationSession(
  runtime: CredentialRuntime,
  profile: string,
  hub: string,
  durationSeconds: number | undefined,
): Promise<Session> {
  const keys = await getHubKeys(await runtime.vault(), hub);
  if (keys === undefined) {
    throw new ConfigError(
      `The vault holds no access key for hub "${hub}".`,
      `Add it with \`credo hub add ${hub} --access-key-id ID --mfa-serial ARN\` or \`credo config\`.`,
    );
  }
  const context = runtime.chain(profile);
  return {
    credentials: await federationSession(context.sts, keys, hub, durationSeconds),
    region: resolveRegion(runtime.ctx.env, context.profile).region,
    via: "federation token",
  };
}

async function federationSession(
  sts: AwsCallContext,
  keys: AwsCredentials,
  name: string,
  durationSeconds: number | undefined,
): Promise<AwsCredentials> {
  const { allowEverythingPolicy, federatedUserName, getFederationToken } =
    await import("../aws/federation.js");
  return getFederationToken(sts, keys, {
    name: federatedUserName(name),
    policy: allowEverythingPolicy,
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
  });
}

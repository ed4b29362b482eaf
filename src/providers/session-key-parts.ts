import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { StsLocation } from "../config/sts-location.js";
import { stringProperty } from "../profile-files/profile-property.js";
import { CredoError } from "../errors.js";
import type { Properties } from "../profile-files/types.js";
import type { AssumeRoleStep, BaseSource } from "./plan-chain.js";
import type { SamlProfileSettings } from "../saml/saml-profile-settings.js";

/**
 * The session cache keys of every source credo caches (its own STS calls, SSO
 * role credentials, web identity). The resolution chain and the `credo process`
 * fast path (which reads the cache without loading the chain) both build keys
 * here, so a session cached by one is found by the other. A key holds
 * everything that changes the result, and never a secret: the file name is a
 * hash of the key, and the key recorded in the file leaves out every entry
 * whose name speaks of a token or secret (cache/cache-file-write.ts). A new
 * source (SAML, a team's) adds its key builder here and caches through
 * ChainContext.cache.getOrFetch, which gives it the single-flight refresh.
 */

/** GetSessionToken's default (12 h): one MFA prompt a day, not one per role. */
export const defaultHubSessionSeconds = 43_200;

/**
 * The key of a hub's MFA session (GetSessionToken with the hub's long-term
 * keys). `accessKeyId` is the hub's key as recorded in CREDO_HOME/hubs.json
 * (vault/hub-key-ids.ts), so a session made with a replaced key is never
 * found again; a hub with no recorded id (added before credo recorded them)
 * keeps the key it always had.
 */
export function hubSessionKeyParts(
  name: string,
  profile: Properties | undefined,
  sts: StsLocation,
  accessKeyId: string | undefined,
): Record<string, unknown> {
  return {
    kind: "GetSessionToken",
    hub: name,
    ...(accessKeyId === undefined ? {} : { accessKeyId }),
    mfaSerial: stringProperty(profile, "mfa_serial") ?? null,
    durationSeconds: hubSessionSeconds(name, profile),
    region: sts.region,
    endpoint: sts.endpoint ?? null,
  };
}

/**
 * The key of one AssumeRole link. `sourceAccessKeyId` is the access key of
 * the credentials that assume the role (for a role over a hub, the hub's
 * cached MFA session), so a new source session means a new role session.
 * `sourceIdentity` is the step's source identity as sent (`{hub_user}`
 * resolved), so a changed name or tag is never served an older session; the
 * attribution fields appear only when set, so the keys of roles without them
 * stay what they were.
 */
export function assumeRoleKeyParts(
  step: AssumeRoleStep,
  chain: readonly string[],
  sts: StsLocation,
  sourceAccessKeyId: string,
  sourceIdentity: string | undefined,
): Record<string, unknown> {
  return {
    ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
    ...(step.sessionTags === undefined
      ? {}
      : { sessionTags: step.sessionTags.map((tag) => [tag.key, tag.value]) }),
    ...(step.transitiveTagKeys === undefined ? {} : { transitiveTagKeys: step.transitiveTagKeys }),
    kind: "AssumeRole",
    chain,
    roleArn: step.roleArn,
    roleSessionName: step.roleSessionName ?? null,
    externalId: step.externalId ?? null,
    mfaSerial: step.mfaSerial ?? null,
    durationSeconds: step.durationSeconds ?? null,
    region: sts.region,
    endpoint: sts.endpoint ?? null,
    sourceAccessKeyId,
  };
}

export function hubSessionSeconds(name: string, profile: Properties | undefined): number {
  const raw = stringProperty(profile, "credo_session_duration");
  if (raw === undefined) return defaultHubSessionSeconds;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 900 || seconds > 129_600) {
    throw new CredoError(
      `credo_session_duration of hub "${name}" must be 900 to 129600 seconds, not "${raw}".`,
      {
        exitCode: "config",
        hint: "Fix it in ~/.aws/config, or remove it for the 12-hour default.",
      },
    );
  }
  return seconds;
}

type SsoSource = Extract<BaseSource, { kind: "Sso" }>;

/**
 * The key of SSO GetRoleCredentials. Beside what botocore keys on (account,
 * role, session name or start URL) it holds the portal (region, endpoint)
 * and a SHA-256 of the access token, the only trace of who signed in: after
 * a logout, or a sign-in as someone else, the old entry is never found again.
 * A refreshed token therefore costs one more call, at most one per role per
 * token lifetime.
 */
export function ssoRoleKeyParts(
  source: SsoSource & { accountId: string; roleName: string },
  accessToken: string,
  portalEndpoint: string | undefined,
): Record<string, unknown> {
  return {
    kind: "GetRoleCredentials",
    startUrl: source.startUrl,
    sessionName: source.sessionName ?? null,
    accountId: source.accountId,
    roleName: source.roleName,
    region: source.region,
    endpoint: portalEndpoint ?? null,
    accessTokenSha256: bytesToHex(sha256(utf8ToBytes(accessToken))),
  };
}

type WebIdentitySource = Extract<BaseSource, { kind: "WebIdentityToken" }>;

/**
 * The key of AssumeRoleWithWebIdentity: the token file (not the token, which
 * EKS rotates every hour while the role session stays good), the role and
 * session name, and where STS is.
 */
export function webIdentityKeyParts(
  source: WebIdentitySource,
  sts: StsLocation,
): Record<string, unknown> {
  return {
    kind: "AssumeRoleWithWebIdentity",
    profile: source.profile ?? null,
    roleArn: source.roleArn,
    roleSessionName: source.roleSessionName ?? null,
    tokenFile: source.webIdentityTokenFile,
    region: sts.region,
    endpoint: sts.endpoint ?? null,
  };
}

/**
 * The key of a SAML profile's session (AssumeRoleWithSAML). The role is in
 * the key only when the profile names it; a role picked on the terminal is
 * the cached result of the profile's own key, so it is asked once a session.
 */
export function samlSessionKeyParts(
  settings: SamlProfileSettings,
  sts: StsLocation,
): Record<string, unknown> {
  return {
    kind: "AssumeRoleWithSAML",
    profile: settings.profile,
    url: settings.url,
    roleArn: settings.roleArn ?? null,
    durationSeconds: settings.durationSeconds ?? null,
    region: sts.region,
    endpoint: sts.endpoint ?? null,
  };
}

import { join } from "node:path";
import { readCachedCredentials, freshCredentials } from "../cache/cache-file.js";
import { resolveRegion } from "../config/resolve-region.js";
import { selectProfile } from "../config/select-profile.js";
import { stringProperty } from "../profile-files/profile-property.js";
import { resolveEndpointUrl } from "../config/resolve-endpoint-url.js";
import { stsLocation } from "../config/sts-location.js";
import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import { silentLogger } from "../io/logger.js";
import { ProfileDocument } from "../profile-files/document.js";
import type { FilePlatform } from "../profile-files/locations.js";
import { resolveCredoHome, resolveProfileFileLocations } from "../profile-files/locations.js";
import { profileSetOf } from "../profile-files/profile-set.js";
import type { ProfileSet } from "../profile-files/types.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import { parseCredoProcessCommand } from "../providers/credo-process-command.js";
import { withManagedTopology } from "../providers/managed-topology.js";
import { planChain } from "../providers/plan-chain.js";
import { sectionsOf } from "./sections-naming.js";
import { roleStepChains } from "../providers/role-step-chains.js";
import {
  assumeRoleKeyParts,
  hubSessionKeyParts,
  ssoRoleKeyParts,
  webIdentityKeyParts,
  samlSessionKeyParts,
} from "../providers/session-key-parts.js";
import { webIdentityEnv } from "../providers/web-identity-env.js";
import { usableSsoAccessToken } from "./cached-sso-token.js";
import { recordedSourceIdentity } from "../providers/source-identity.js";
import { readHubKeyIds } from "../vault/hub-key-ids.js";

export interface FastPathInputs {
  /** The profile named on the command line, if any. */
  profileOption: string | undefined;
  env: Env;
  homedir: string;
  platform: FilePlatform;
  files: FileReader;
  now: number;
  /** The disk cache's refresh margin: inside it, the full path refreshes. */
  refreshMarginMs: number;
}

/**
 * The credentials `credo process` would print, if every session the profile's
 * chain needs is in the disk cache and fresh; undefined when anything else
 * would have to happen (a call to STS, a prompt, a source credo does not
 * cache). It plans the chain with the same planner and computes the same
 * cache keys as the full path (providers/session-key-parts.ts), reading only
 * the profile-file sections the chain can name. Every source credo caches is
 * served: a hub, SSO role credentials, web identity, an `aws login` session,
 * and roles over any of them or over static keys. Errors are the caller's cue
 * to take the full path, which reports them properly.
 */
export async function cachedProcessCredentials(
  inputs: FastPathInputs,
): Promise<AwsCredentials | undefined> {
  return (await cachedResolution(inputs))?.credentials;
}

/** What the full path's resolution gives on a cache hit: the credentials, the profile and its region. */
export interface CachedResolution {
  credentials: AwsCredentials;
  profile: string;
  /** As the full path resolves it (config/resolve-region.ts): AWS_REGION, AWS_DEFAULT_REGION, the profile's. */
  region: string | undefined;
}

/** cachedProcessCredentials with the profile and region the full path would report beside them. */
export async function cachedResolution(
  inputs: FastPathInputs,
): Promise<CachedResolution | undefined> {
  const { env } = inputs;
  const selection = selectProfile(inputs.profileOption, env);
  // Without a named profile the environment's keys or web identity come first in the chain.
  if (
    selection.from !== "option" &&
    ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_WEB_IDENTITY_TOKEN_FILE"].some(
      (name) => envValue(env, name) !== undefined,
    )
  ) {
    return undefined;
  }
  const profileSet = await profileSetFor(selection.name, inputs);
  if (profileSet === undefined || profileSet.profiles[selection.name] === undefined)
    return undefined;
  // The environment's web identity settings as the full path reads them (never with a named profile).
  const plan = planChain(
    profileSet,
    selection.name,
    selection.from === "option" ? undefined : webIdentityEnv({ env }),
  );
  const selected = profileSet.profiles[selection.name];
  const sts = stsLocation(env, selected, profileSet);
  let credentials: AwsCredentials | undefined;
  const credoHome = resolveCredoHome(inputs);
  const cacheDir = join(credoHome, "cache");
  const cached = async (keyParts: Record<string, unknown>) =>
    freshCredentials(
      await readCachedCredentials(cacheDir, keyParts, silentLogger, inputs.files),
      inputs.now,
      inputs.refreshMarginMs,
    );
  const { base } = plan;
  const hubKeyIds = base.kind === "Hub" ? await readHubKeyIds(credoHome, inputs.files) : {};
  if (base.kind === "Hub") {
    const hubProfile = profileSet.profiles[base.hubName];
    credentials = await cached(
      hubSessionKeyParts(
        base.hubName,
        hubProfile,
        stsLocation(env, hubProfile, profileSet),
        hubKeyIds[base.hubName]?.accessKeyId,
      ),
    );
  } else if (base.kind === "Login") {
    // Loaded only for `aws login` profiles: the hash and JSON helpers stay off every other fast path.
    const { cachedLoginCredentials } = await import("./cached-login-credentials.js");
    credentials = await cachedLoginCredentials(base.loginSession, inputs);
  } else if (base.kind === "Sso") {
    const { accountId, roleName } = base;
    const accessToken = await usableSsoAccessToken(base, inputs);
    if (accountId === undefined || roleName === undefined || accessToken === undefined)
      return undefined;
    const portalEndpoint = resolveEndpointUrl({
      service: "SSO",
      env,
      profile: selected,
      profileSet,
    });
    credentials = await cached(
      ssoRoleKeyParts({ ...base, accountId, roleName }, accessToken, portalEndpoint),
    );
  } else if (base.kind === "WebIdentityToken") {
    credentials = await cached(webIdentityKeyParts(base, sts));
  } else if (base.kind === "Saml") {
    credentials = await cached(samlSessionKeyParts(base.settings, sts));
  } else if (base.kind === "AccessKey" && plan.roles.length > 0) {
    credentials = { accessKeyId: base.accessKeyId, secretAccessKey: base.secretAccessKey };
  }
  const chains = roleStepChains(plan);
  for (const [index, step] of plan.roles.entries()) {
    if (credentials === undefined) return undefined;
    const sourceIdentity = recordedSourceIdentity(step, base, (hub) => hubKeyIds[hub]?.userName);
    if (!sourceIdentity.known) return undefined;
    credentials = await cached(
      assumeRoleKeyParts(
        step,
        chains[index] ?? [],
        sts,
        credentials.accessKeyId,
        sourceIdentity.value,
      ),
    );
  }
  if (credentials === undefined) return undefined;
  return {
    credentials,
    profile: selection.name,
    region: resolveRegion(env, selected).region,
  };
}

/**
 * The profile set restricted to the sections the chain from `name` can reach:
 * source profiles, hubs named by `credo process`, [services] and [sso-session]
 * sections. Grows
 * the set of names until it stops changing (chains are a few links long).
 */
async function profileSetFor(
  name: string,
  inputs: FastPathInputs,
): Promise<ProfileSet | undefined> {
  const locations = resolveProfileFileLocations(inputs);
  const [configText, credentialsText] = await Promise.all([
    inputs.files.readText(locations.configFile),
    inputs.files.readText(locations.credentialsFile),
  ]);
  if (configText === undefined) return undefined;
  const configSections = sectionsOf(configText);
  const credentialsSections =
    credentialsText === undefined ? undefined : sectionsOf(credentialsText);
  const names = new Set([name]);
  for (;;) {
    const wanted = [...names];
    const profileSet = profileSetOf(
      ProfileDocument.parse(configSections(wanted), "config"),
      credentialsSections === undefined
        ? undefined
        : ProfileDocument.parse(credentialsSections(wanted), "credentials"),
    );
    const before = names.size;
    // Read as the planner reads them, so credo_* topology of managed profiles is followed too.
    for (const properties of wanted.map((wanted) =>
      withManagedTopology(profileSet.profiles[wanted]),
    )) {
      for (const referenced of [
        stringProperty(properties, "source_profile"),
        stringProperty(properties, "services"),
        stringProperty(properties, "sso_session"),
        parseCredoProcessCommand(stringProperty(properties, "credential_process") ?? ""),
      ]) {
        if (referenced !== undefined && referenced.trim() !== "") names.add(referenced.trim());
      }
    }
    if (names.size === before) return profileSet;
  }
}

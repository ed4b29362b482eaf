import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { ConfigError } from "../errors.js";
import type { ProfileSet } from "../profile-files/types.js";
import type { SsoSession } from "./sso-session.js";

/**
 * The sso-session a profile uses, as botocore reads it: `sso_session` names an
 * `[sso-session]` section holding sso_start_url and sso_region; without it, a
 * legacy profile holds sso_start_url and sso_region itself. Undefined when
 * the profile is not an SSO profile at all.
 */
export function ssoSessionForProfile(
  profileSet: ProfileSet,
  profileName: string,
): SsoSession | undefined {
  const profile = profileSet.profiles[profileName];
  if (profile === undefined) {
    throw new ConfigError(
      `The config profile (${profileName}) could not be found.`,
      "Run `credo list` to see profiles.",
    );
  }
  const sessionName = nonEmptyProperty(profile, "sso_session");
  if (sessionName !== undefined) {
    const session = ssoSessionByName(profileSet, sessionName);
    // botocore refuses a profile whose own sso_start_url/sso_region contradict its session's.
    for (const [key, value] of [
      ["sso_start_url", session.startUrl],
      ["sso_region", session.region],
    ] as const) {
      const own = nonEmptyProperty(profile, key);
      if (own !== undefined && own !== value) {
        throw new ConfigError(
          `Profile ${profileName} sets ${key} = ${own}, but its sso-session ${sessionName} says ${value}.`,
          `Remove ${key} from [profile ${profileName}]; the sso-session section is enough.`,
        );
      }
    }
    return session;
  }
  const startUrl = nonEmptyProperty(profile, "sso_start_url");
  if (startUrl === undefined) return undefined;
  const region = nonEmptyProperty(profile, "sso_region");
  if (region === undefined) {
    throw new ConfigError(
      `Profile ${profileName} sets sso_start_url but no sso_region.`,
      "Add sso_region to it.",
    );
  }
  return { name: undefined, startUrl, region, registrationScopes: undefined, profileName };
}

export function ssoSessionByName(profileSet: ProfileSet, sessionName: string): SsoSession {
  const section = profileSet.ssoSessions[sessionName];
  if (section === undefined) {
    throw new ConfigError(
      `There is no [sso-session ${sessionName}] section in the config file.`,
      "Add one with sso_start_url and sso_region (see `credo sso login --help`).",
    );
  }
  const startUrl = nonEmptyProperty(section, "sso_start_url");
  const region = nonEmptyProperty(section, "sso_region");
  if (startUrl === undefined || region === undefined) {
    throw new ConfigError(
      `The sso-session ${sessionName} needs both sso_start_url and sso_region.`,
      `Add the missing key to [sso-session ${sessionName}].`,
    );
  }
  const scopes = nonEmptyProperty(section, "sso_registration_scopes");
  return {
    name: sessionName,
    startUrl,
    region,
    // The AWS CLI's parse_sso_registration_scopes: comma-split, stripped, empties dropped.
    registrationScopes:
      scopes === undefined
        ? undefined
        : scopes
            .split(",")
            .map((scope) => scope.trim())
            .filter((scope) => scope !== ""),
  };
}

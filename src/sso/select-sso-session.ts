import { selectProfile } from "../config/select-profile.js";
import { ConfigError, UsageError } from "../errors.js";
import type { Env } from "../io/env.js";
import type { ProfileSet } from "../profile-files/types.js";
import { ssoSessionByName, ssoSessionForProfile } from "./resolve-sso-session.js";
import type { SsoSession } from "./sso-session.js";

/**
 * The session an `sso` command acts on: `--sso-session`, else the profile
 * given or selected as the SDKs select it (AWS_PROFILE, default), else the
 * only sso-session in the config file.
 */
export function selectSsoSession(
  profileSet: ProfileSet,
  options: { ssoSession?: string | undefined; profile?: string | undefined },
  env: Env,
): SsoSession {
  if (options.ssoSession !== undefined && options.profile !== undefined) {
    throw new UsageError("Give --sso-session or --profile, not both.");
  }
  if (options.ssoSession !== undefined) return ssoSessionByName(profileSet, options.ssoSession);
  const selected = selectProfile(options.profile, env);
  if (
    options.profile !== undefined ||
    selected.from !== "default" ||
    profileSet.profiles[selected.name] !== undefined
  ) {
    const fromProfile =
      profileSet.profiles[selected.name] === undefined
        ? undefined
        : ssoSessionForProfile(profileSet, selected.name);
    if (fromProfile !== undefined) return fromProfile;
    if (options.profile !== undefined || selected.from !== "default") {
      throw new ConfigError(
        `Profile ${selected.name} is not an SSO profile (no sso_session or sso_start_url).`,
        "Name the session with --sso-session NAME.",
      );
    }
  }
  const names = Object.keys(profileSet.ssoSessions);
  if (names.length === 1 && names[0] !== undefined) return ssoSessionByName(profileSet, names[0]);
  throw new ConfigError(
    names.length === 0
      ? "The config file has no [sso-session] section."
      : `The config file has ${names.length} sso-sessions.`,
    names.length === 0
      ? "Add one:\n  [sso-session NAME]\n  sso_start_url = https://YOUR.awsapps.com/start\n  sso_region = us-east-1\n  sso_registration_scopes = sso:account:access"
      : `Choose one with --sso-session (${names.join(", ")}).`,
  );
}

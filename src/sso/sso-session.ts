/**
 * What a token belongs to: an `[sso-session NAME]` section, or (legacy form)
 * the sso_start_url and sso_region written in a profile itself.
 */
export interface SsoSession {
  /** The sso-session name; undefined for a legacy profile. */
  name: string | undefined;
  startUrl: string;
  region: string;
  /** `sso_registration_scopes`, split on commas; undefined when the key is absent (the AWS CLI sends none then). */
  registrationScopes: string[] | undefined;
  /** For the legacy form: the profile that names the start URL, so messages can say how to log in again. */
  profileName?: string | undefined;
}

/** The command that logs this session in again, for error messages. */
export function loginCommandFor(session: SsoSession): string {
  if (session.name !== undefined) return `credo sso login --sso-session ${session.name}`;
  return session.profileName === undefined
    ? "credo sso login"
    : `credo sso login --profile ${session.profileName}`;
}

/** How messages name the session. */
export function describeSession(session: SsoSession): string {
  return session.name === undefined ? `for ${session.startUrl}` : session.name;
}

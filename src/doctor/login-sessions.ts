import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { CredoError } from "../errors.js";
import { nodeFileReader } from "../io/file-system.js";
import { loginCachePath, readLoginToken } from "../login/login-token-cache.js";
import { applicableProfileSources } from "../providers/plan-chain.js";
import type { DoctorInputs, Finding } from "./finding.js";

/**
 * Profiles signed in with `aws login` (login_session) whose cached session
 * cannot serve them: no cache file, or one missing what a refresh needs, is an
 * error (every tool fails on the profile); credentials past their expiry are
 * a warning (credo and the SDKs refresh them while the sign-in session lasts,
 * which only the sign-in service can tell).
 */
export async function loginSessions({
  profileSet,
  env,
  homedir,
  now,
}: DoctorInputs): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const [name, properties] of Object.entries(profileSet.profiles)) {
    const session = nonEmptyProperty(properties, "login_session");
    if (session === undefined || applicableProfileSources(profileSet, name)[0] !== "login")
      continue;
    const fix = `Sign in again: aws login --profile ${name}`;
    try {
      const token = await readLoginToken(
        nodeFileReader,
        loginCachePath(env, homedir, session),
        name,
      );
      const expiresAt = Date.parse(token.accessToken.expiresAt);
      if (!Number.isNaN(expiresAt) && expiresAt > now) continue;
      findings.push({
        check: "login-session",
        severity: "warning",
        profile: name,
        what: `The credentials cached by \`aws login\` for profile "${name}" expired at ${token.accessToken.expiresAt}; they are refreshed on next use while the sign-in session lasts.`,
        fix: `If \`credo whoami ${name}\` then says the session has expired: aws login --profile ${name}`,
      });
    } catch (error) {
      if (!(error instanceof CredoError)) throw error;
      findings.push({
        check: "login-session",
        severity: "error",
        profile: name,
        what: error.message,
        fix,
      });
    }
  }
  return findings;
}

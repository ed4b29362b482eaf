import { join } from "node:path";
import { listProfiles } from "../listing/list-profiles.js";
import type { DoctorInputs, Finding } from "./finding.js";

/**
 * Hub and role sessions in credo's cache that have expired: the next command
 * for them asks for an MFA code again, which is better learnt now than in the
 * middle of a deployment. Looked up exactly as `credo list` does.
 */
export async function expiredSessions({
  profileSet,
  env,
  credoHome,
  now,
}: DoctorInputs): Promise<Finding[]> {
  const profiles = await listProfiles({ profileSet, env, cacheDir: join(credoHome, "cache"), now });
  return profiles
    .filter((profile) => profile.session.state === "expired")
    .map((profile) => ({
      check: "expired-session",
      severity: "warning" as const,
      profile: profile.name,
      what: `The cached session of ${profile.kind} "${profile.name}" has expired.`,
      fix: `Start a new one (MFA code at hand): credo whoami ${profile.name}`,
    }));
}

import { nonEmptyProperty } from "../profile-files/profile-property.js";
import type { Env } from "../io/env.js";
import { nodeFileReader } from "../io/file-system.js";
import { loginCachePath } from "../login/login-token-cache.js";
import type { ProfileSet } from "../profile-files/types.js";
import type { SessionState } from "./session-states.js";

/**
 * The credentials an `aws login` session has cached now: valid or expired by
 * their expiresAt, none when the cache file is missing or unreadable. An
 * expired one is refreshed on next use while the sign-in session lasts.
 */
export async function loginSessionState(
  profileSet: ProfileSet,
  name: string,
  env: Env,
  homedir: string,
  now: number,
): Promise<SessionState> {
  const session = nonEmptyProperty(profileSet.profiles[name], "login_session");
  if (session === undefined) return { state: "none" };
  try {
    const text = await nodeFileReader.readText(loginCachePath(env, homedir, session));
    if (text === undefined) return { state: "none" };
    const token = JSON.parse(text) as { accessToken?: { expiresAt?: unknown } };
    const expiresAt = token.accessToken?.expiresAt;
    const time = typeof expiresAt === "string" ? Date.parse(expiresAt) : Number.NaN;
    if (Number.isNaN(time)) return { state: "none" };
    return { state: time > now ? "valid" : "expired", expiresAt: new Date(time) };
  } catch {
    return { state: "none" };
  }
}

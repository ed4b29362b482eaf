import { createHash } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { CredoError } from "../errors.js";
import { withFileLock } from "../io/file-lock.js";
import type { Clock } from "../io/clock.js";
import type { Logger } from "../io/logger.js";
import type { ProfileSet } from "../profile-files/types.js";
import type { SsoTokenRequest, SsoTokenSource } from "./sso-token-source.js";
import { ssoSessionForProfile } from "./resolve-sso-session.js";
import type { SsoSession } from "./sso-session.js";
import { describeSession } from "./sso-session.js";
import { SsoLoginRequiredError } from "./token-provider.js";

export interface SsoAutoLoginDeps {
  profileSet: ProfileSet;
  /** CREDO_HOME: the login lock and the last failure live in its sso-login folder. */
  credoHome: string;
  clock: Clock;
  logger: Logger;
  /** Logs the session in (browser, or device code where none can open) and writes the token cache. */
  login(session: SsoSession, profile: string): Promise<void>;
}

/**
 * `credo_sso_auto_login = true` on an SSO profile or its [sso-session]: when
 * the token is missing or expired and cannot be refreshed, log in right away
 * instead of failing with "run credo sso login". One login across every credo
 * process on the machine: a lock per session in CREDO_HOME; whoever waited for
 * it reads the token the login wrote, or fails with the login's own reason
 * rather than opening a browser of its own.
 */
export function autoLoginSsoTokenSource(
  inner: SsoTokenSource,
  deps: SsoAutoLoginDeps,
): SsoTokenSource {
  return async (request) => {
    try {
      return await inner(request);
    } catch (error) {
      if (!(error instanceof SsoLoginRequiredError) || !autoLoginEnabled(deps.profileSet, request))
        throw error;
      const session = ssoSessionForProfile(deps.profileSet, request.profile) ?? error.session;
      return loginOnce(session, request, () => inner(request), deps);
    }
  };
}

/** The setting on the profile itself, else on its sso-session section. */
export function autoLoginEnabled(profileSet: ProfileSet, request: SsoTokenRequest): boolean {
  const profile = profileSet.profiles[request.profile];
  const own = nonEmptyProperty(profile, "credo_sso_auto_login");
  const section =
    request.sessionName === undefined ? undefined : profileSet.ssoSessions[request.sessionName];
  const value = own ?? nonEmptyProperty(section, "credo_sso_auto_login");
  return value?.toLowerCase() === "true";
}

interface LastFailure {
  at: number;
  message: string;
}

async function loginOnce(
  session: SsoSession,
  request: SsoTokenRequest,
  token: () => Promise<string>,
  deps: SsoAutoLoginDeps,
): Promise<string> {
  const folder = join(deps.credoHome, "sso-login");
  // Named like the token cache entry: a digest of the session name or start URL, nothing secret.
  const id = createHash("sha1")
    .update(session.name ?? session.startUrl)
    .digest("hex");
  const target = join(folder, id);
  const waitingSince = deps.clock.now();
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700);
  deps.logger.debug(`SSO session ${describeSession(session)} needs a login; waiting for its lock`);
  return withFileLock(
    target,
    async () => {
      try {
        // Another credo process may have logged in while this one waited for the lock.
        return await token();
      } catch (error) {
        if (!(error instanceof SsoLoginRequiredError)) throw error;
      }
      const failure = await readLastFailure(target);
      if (failure !== undefined && failure.at >= waitingSince) {
        throw new CredoError(
          `The SSO login for session ${describeSession(session)} that another credo process started did not succeed: ${failure.message}`,
          { exitCode: "auth", hint: "Run the command again to log in once more." },
        );
      }
      deps.logger.debug(`credo_sso_auto_login: logging in to ${describeSession(session)}`);
      try {
        await deps.login(session, request.profile);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await writeFile(`${target}.failed`, JSON.stringify({ at: deps.clock.now(), message }), {
          mode: 0o600,
        });
        throw error;
      }
      return token();
    },
    {
      // The holder may be waiting for the user in the browser, up to the device code's lifetime.
      wait: "refresh",
      busy: {
        message: "Timed out waiting for another credo process to log in to SSO.",
        exitCode: "auth",
      },
    },
  );
}

async function readLastFailure(target: string): Promise<LastFailure | undefined> {
  try {
    const parsed = JSON.parse(await readFile(`${target}.failed`, "utf8")) as Partial<LastFailure>;
    if (typeof parsed.at !== "number" || typeof parsed.message !== "string") return undefined;
    return { at: parsed.at, message: parsed.message };
  } catch {
    return undefined;
  }
}

import { CredoError } from "../errors.js";
import type { Clock } from "../io/clock.js";
import type { OutputStream } from "../io/streams.js";
import { missingField } from "./missing-field.js";
import type { OpenUrl } from "../io/platform/open-url.js";
import type { SsoOidcApi } from "./sso-oidc-api.js";
import type { SsoSession } from "./sso-session.js";
import { loginCommandFor } from "./sso-session.js";
import type { CachedClientRegistration } from "./token-cache.js";

export interface DeviceCodeFlowDeps {
  oidc: SsoOidcApi;
  clock: Clock;
  err: OutputStream;
  sleep(ms: number): Promise<void>;
  /** Undefined when no browser can be opened: the user opens the URL elsewhere. */
  openUrl: OpenUrl | undefined;
  /** Also shows the URL and code where the user can see them (a desktop window when there is no terminal); returns what hides them. */
  showCode?: ((url: string, userCode: string) => () => void) | undefined;
}

const deviceCodeGrantType = "urn:ietf:params:oauth:grant-type:device_code";
/** RFC 8628 §3.5: the default polling interval, and what each slow_down adds to it. */
const defaultIntervalSeconds = 5;
const slowDownIncrementSeconds = 5;
const spinner = ["|", "/", "-", "\\"];

/**
 * RFC 8628 device authorization: show the user code and the verification URL
 * (opened in the browser when there is one), then poll CreateToken at the
 * interval the service gave, 5 s slower after every slow_down, until the user
 * approves, denies, or the device code expires.
 */
export async function runDeviceCodeFlow(
  session: SsoSession,
  registration: CachedClientRegistration,
  deps: DeviceCodeFlowDeps,
): Promise<{
  accessToken?: string | undefined;
  expiresIn?: number | undefined;
  refreshToken?: string | undefined;
}> {
  const authorization = await deps.oidc.startDeviceAuthorization({
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    startUrl: session.startUrl,
  });
  const deviceCode =
    authorization.deviceCode ?? missingField("StartDeviceAuthorization", "deviceCode");
  const userCode = authorization.userCode ?? missingField("StartDeviceAuthorization", "userCode");
  const url =
    authorization.verificationUriComplete ??
    authorization.verificationUri ??
    missingField("StartDeviceAuthorization", "verificationUri");
  const deadline = deps.clock.now() + (authorization.expiresIn ?? 600) * 1000;
  let intervalSeconds = authorization.interval ?? defaultIntervalSeconds;

  deps.err.write(
    `${deps.openUrl === undefined ? "Open this URL on any device" : "If the browser does not open, open this URL"}:\n\n  ${url}\n\n` +
      `and check that it shows the code: ${userCode}\n`,
  );
  const hideCode = deps.showCode?.(url, userCode);
  if (deps.openUrl !== undefined) await deps.openUrl(url);

  let polls = 0;
  try {
    for (;;) {
      try {
        return await deps.oidc.createToken({
          grantType: deviceCodeGrantType,
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          deviceCode,
        });
      } catch (error) {
        const name = (error as { name?: unknown }).name;
        if (name === "SlowDownException") intervalSeconds += slowDownIncrementSeconds;
        else if (name === "AccessDeniedException") throw denied(session, error);
        else if (name === "ExpiredTokenException") throw expired(session, error);
        else if (name !== "AuthorizationPendingException") throw error;
      }
      if (deps.clock.now() + intervalSeconds * 1000 > deadline) throw expired(session, undefined);
      if (deps.err.isTTY)
        deps.err.write(`\rWaiting for approval in the browser ${spinner[polls % spinner.length]} `);
      polls += 1;
      await deps.sleep(intervalSeconds * 1000);
    }
  } finally {
    hideCode?.();
    if (deps.err.isTTY && polls > 0) deps.err.write("\r\u001b[K");
  }
}

function denied(session: SsoSession, cause: unknown): CredoError {
  return new CredoError("SSO login was denied: the request was not approved in the browser.", {
    exitCode: "auth",
    hint: `Run \`${loginCommandFor(session)}\` again and choose Allow.`,
    cause,
  });
}

function expired(session: SsoSession, cause: unknown): CredoError {
  return new CredoError("SSO login timed out: the device code expired before it was approved.", {
    exitCode: "auth",
    hint: `Run \`${loginCommandFor(session)}\` again and approve within a few minutes.`,
    cause,
  });
}

import type { Clock } from "../io/clock.js";
import type { Env } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import type { OutputStream } from "../io/streams.js";
import { runAuthorizationCodeFlow } from "./authorization-code-flow.js";
import { browserAvailability } from "../io/platform/browser-availability.js";
import type { LoginFlow } from "./client-registration.js";
import { obtainClientRegistration } from "./client-registration.js";
import { runDeviceCodeFlow } from "./device-code-flow.js";
import { tokenFromCreateToken } from "./oidc-token.js";
import type { OpenUrl } from "../io/platform/open-url.js";
import type { SsoOidcApiFactory } from "./sso-oidc-api.js";
import type { SsoSession } from "./sso-session.js";
import { describeSession } from "./sso-session.js";
import { tokenCachePath, writeCachedToken } from "./token-cache.js";

export interface SsoLoginOptions {
  session: SsoSession;
  /** --use-device-code */
  useDeviceCode: boolean;
  /** --no-browser: never open one; implies the device code flow. */
  noBrowser: boolean;
}

export interface SsoLoginDeps {
  oidc: SsoOidcApiFactory;
  /** The configured SSO OIDC endpoint (resolveEndpointUrl, service "SSO OIDC"), undefined for AWS's own. */
  oidcEndpoint: string | undefined;
  files: FileReader;
  homedir: string;
  clock: Clock;
  logger: Logger;
  env: Env;
  platform: NodeJS.Platform;
  err: OutputStream;
  openUrl: OpenUrl;
  sleep(ms: number): Promise<void>;
  /** Shows the device code's URL and code besides stderr (credo_sso_auto_login without a terminal: a desktop window). */
  showDeviceCode?: (url: string, userCode: string) => () => void;
  /** How long the authorization-code flow waits for the browser; 10 minutes unless a test says otherwise. */
  authorizationTimeoutMs?: number;
}

export interface SsoLoginResult {
  flow: LoginFlow;
  cachePath: string;
  expiresAt: string;
}

/**
 * `credo sso login`: register (or reuse) an OIDC client, obtain a token by the
 * authorization-code flow where a browser can open, else by the device code
 * flow, and write it to the AWS CLI's token cache so every AWS tool shares it.
 */
export async function ssoLogin(
  options: SsoLoginOptions,
  deps: SsoLoginDeps,
): Promise<SsoLoginResult> {
  const { session } = options;
  const browser = options.noBrowser
    ? { available: false as const, reason: "--no-browser was given" }
    : browserAvailability(deps.env, deps.platform);
  const flow: LoginFlow =
    options.useDeviceCode || !browser.available ? "device-code" : "authorization-code";
  if (!browser.available && !options.useDeviceCode) {
    deps.err.write(`No browser can be opened (${browser.reason}); using the device code flow.\n`);
  }
  deps.logger.debug(
    `SSO login for ${describeSession(session)} at ${session.startUrl} (${session.region}) by ${flow}`,
  );
  const oidc = await deps.oidc(session.region);
  const registration = await obtainClientRegistration(flow, session, { ...deps, oidc });
  const response =
    flow === "authorization-code"
      ? await runAuthorizationCodeFlow(session, registration, {
          oidc,
          err: deps.err,
          openUrl: deps.openUrl,
          authorizeUrl: authorizeUrl(deps.oidcEndpoint, session.region),
          timeoutMs: deps.authorizationTimeoutMs ?? 10 * 60 * 1000,
        })
      : await runDeviceCodeFlow(session, registration, {
          oidc,
          clock: deps.clock,
          err: deps.err,
          sleep: deps.sleep,
          openUrl: browser.available ? deps.openUrl : undefined,
          showCode: deps.showDeviceCode,
        });
  const token = tokenFromCreateToken(response, session, registration, deps.clock);
  const cachePath = tokenCachePath(deps.homedir, {
    sessionName: session.name,
    startUrl: session.startUrl,
  });
  await writeCachedToken(cachePath, token);
  deps.err.write(
    `Logged in to ${session.startUrl}; the token is valid until ${token.expiresAt}.\n`,
  );
  return { flow, cachePath, expiresAt: token.expiresAt };
}

/** The AWS CLI builds the authorize URL from the OIDC endpoint: `<endpoint>/authorize`. */
function authorizeUrl(oidcEndpoint: string | undefined, region: string): string {
  const base = oidcEndpoint ?? `https://oidc.${region}.amazonaws.com`;
  return `${base.replace(/\/+$/, "")}/authorize`;
}

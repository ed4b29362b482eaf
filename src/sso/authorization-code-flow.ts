import { randomUUID } from "node:crypto";
import { CredoError } from "../errors.js";
import type { OutputStream } from "../io/streams.js";
import { startLoopbackListener } from "./loopback-listener.js";
import type { OpenUrl } from "../io/platform/open-url.js";
import { createPkcePair } from "./pkce.js";
import type { SsoOidcApi } from "./sso-oidc-api.js";
import type { SsoSession } from "./sso-session.js";
import { loginCommandFor } from "./sso-session.js";
import type { CachedClientRegistration } from "./token-cache.js";

export interface AuthorizationCodeFlowDeps {
  oidc: SsoOidcApi;
  err: OutputStream;
  openUrl: OpenUrl;
  /** `<SSO OIDC endpoint>/authorize`. */
  authorizeUrl: string;
  /** How long to wait for the browser to come back. */
  timeoutMs: number;
}

/**
 * OAuth 2.0 authorization code with PKCE (S256), as `aws sso login` does by
 * default since AWS CLI 2.22: a loopback listener on 127.0.0.1, the browser
 * sent to the authorize URL, the code it brings back exchanged for a token
 * together with the verifier.
 */
export async function runAuthorizationCodeFlow(
  session: SsoSession,
  registration: CachedClientRegistration,
  deps: AuthorizationCodeFlowDeps,
): Promise<{
  accessToken?: string | undefined;
  expiresIn?: number | undefined;
  refreshToken?: string | undefined;
}> {
  const state = randomUUID();
  const pkce = createPkcePair();
  const listener = await startLoopbackListener(state);
  let timer: NodeJS.Timeout | undefined;
  try {
    const query = new URLSearchParams({
      response_type: "code",
      client_id: registration.clientId,
      redirect_uri: listener.redirectUri,
      state,
      code_challenge_method: "S256",
      scopes: (registration.scopes ?? ["sso:account:access"]).join(","),
      code_challenge: pkce.challenge,
    });
    const url = `${deps.authorizeUrl}?${query.toString()}`;
    deps.err.write(
      `Opening the SSO authorization page in your browser. If it does not open, open:\n\n  ${url}\n\n`,
    );
    await deps.openUrl(url);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new CredoError("SSO login timed out waiting for the browser.", {
              exitCode: "auth",
              hint: `Run \`${loginCommandFor(session)} --use-device-code\` if the browser cannot reach this machine.`,
            }),
          ),
        deps.timeoutMs,
      );
    });
    const code = await Promise.race([listener.code, timeout]);
    return await deps.oidc.createToken({
      grantType: "authorization_code",
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      code,
      codeVerifier: pkce.verifier,
      redirectUri: listener.redirectUri,
    });
  } finally {
    clearTimeout(timer);
    await listener.close();
  }
}

import type { AwsCallContext } from "./aws-call-context.js";
import { clientConfig } from "./aws-call-context.js";

export interface RefreshTokenInput {
  clientId: string;
  refreshToken: string;
}

export interface RefreshedLoginSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

/** Builds the DPoP header for the request about to be sent to `url`. */
export type DpopSigner = (method: string, url: string) => string;

/**
 * The sign-in service's CreateOAuth2Token (POST /v1/token) with
 * grant_type refresh_token, as `aws login` sessions are refreshed: unsigned,
 * with a DPoP proof bound to the exact URL the request goes to, so the proof
 * is added in the finalize step, after the endpoint is resolved. Errors are
 * the SDK's (AccessDeniedException carries the OAuth error in `error`).
 */
export async function refreshLoginSession(
  context: AwsCallContext,
  input: RefreshTokenInput,
  dpop: DpopSigner,
): Promise<RefreshedLoginSession> {
  const sdk = await import("@aws-sdk/nested-clients/signin");
  const client = new sdk.SigninClient({
    ...(await clientConfig(context)),
    // CreateOAuth2Token is an unauthenticated operation; the SDK still wants credentials configured.
    credentials: { accessKeyId: "", secretAccessKey: "" },
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as {
        method?: string;
        protocol?: string;
        hostname?: string;
        port?: number;
        path?: string;
        headers?: Record<string, string>;
      };
      if (request.headers !== undefined) {
        const port = request.port === undefined ? "" : `:${request.port}`;
        const url = `${request.protocol ?? "https:"}//${request.hostname ?? ""}${port}${request.path ?? "/"}`;
        request.headers["DPoP"] = dpop(request.method ?? "POST", url);
      }
      return next(args);
    },
    { step: "finalizeRequest", name: "credoDpopProof", override: true },
  );
  const output = await client.send(
    new sdk.CreateOAuth2TokenCommand({
      tokenInput: {
        clientId: input.clientId,
        refreshToken: input.refreshToken,
        grantType: "refresh_token",
      },
    }),
  );
  const token = output.tokenOutput;
  const access = token?.accessToken;
  if (
    access?.accessKeyId === undefined ||
    access.secretAccessKey === undefined ||
    access.sessionToken === undefined ||
    token?.refreshToken === undefined
  ) {
    throw new Error("the sign-in service's answer held no credentials or refresh token");
  }
  return {
    accessKeyId: access.accessKeyId,
    secretAccessKey: access.secretAccessKey,
    sessionToken: access.sessionToken,
    refreshToken: token.refreshToken,
    expiresInSeconds: token.expiresIn ?? 900,
  };
}

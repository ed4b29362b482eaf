import {
  escapeMarkup,
  htmlResponse,
  jsonResponse,
  type EmulatorResponse,
} from "./http-response.js";
import type { IdentityStore } from "./identity-store.js";
import { opaqueToken } from "./ids.js";
import { ServiceError } from "./service-error.js";

export interface ConsoleSignin {
  arn: string;
  issuer: string;
  destination: string;
  at: number;
}

/** The console's sign-in token lives 15 minutes (AWS: "valid for 15 minutes after issue"). */
const signinTokenTtlMs = 15 * 60 * 1000;

/**
 * https://signin.aws.amazon.com/federation as credo uses it: getSigninToken
 * exchanges a temporary session for a token, login spends it. Like AWS, only
 * role and federated-user sessions may sign in; GetSessionToken ones may not.
 */
export class SigninFederation {
  private readonly tokens = new Map<string, { arn: string; expiresAt: number }>();
  readonly signins: ConsoleSignin[] = [];

  constructor(private readonly store: IdentityStore) {}

  handle(action: string, query: URLSearchParams, now: number): EmulatorResponse {
    return action === "getsignintoken" ? this.getSigninToken(query, now) : this.login(query, now);
  }

  private getSigninToken(query: URLSearchParams, now: number): EmulatorResponse {
    let session: Record<string, unknown>;
    try {
      session = JSON.parse(query.get("Session") ?? "") as Record<string, unknown>;
    } catch {
      throw new ServiceError(
        400,
        "InvalidSession",
        "Session must be JSON with sessionId, sessionKey and sessionToken",
      );
    }
    const issued =
      typeof session["sessionId"] === "string"
        ? this.store.findSession(session["sessionId"])
        : undefined;
    const matches =
      issued !== undefined &&
      issued.secretAccessKey === session["sessionKey"] &&
      issued.sessionToken === session["sessionToken"];
    if (!matches || issued.expiresAt <= now)
      throw new ServiceError(400, "InvalidSession", "The session is not valid or has expired");
    if (issued.kind === "session-token")
      throw new ServiceError(
        400,
        "InvalidSession",
        "Credentials from GetSessionToken cannot sign in to the console",
      );
    const duration = query.get("SessionDuration");
    if (duration !== null && !(Number(duration) >= 900 && Number(duration) <= 43200)) {
      throw new ServiceError(
        400,
        "InvalidSessionDuration",
        "SessionDuration must be between 900 and 43200",
      );
    }
    const token = opaqueToken("st");
    this.tokens.set(token, { arn: issued.arn, expiresAt: now + signinTokenTtlMs });
    return jsonResponse(200, { SigninToken: token });
  }

  private login(query: URLSearchParams, now: number): EmulatorResponse {
    const entry = this.tokens.get(query.get("SigninToken") ?? "");
    if (entry === undefined || entry.expiresAt <= now)
      throw new ServiceError(
        400,
        "InvalidSigninToken",
        "The sign-in token is not valid or has expired",
      );
    const signin = {
      arn: entry.arn,
      issuer: query.get("Issuer") ?? "",
      destination: query.get("Destination") ?? "",
      at: now,
    };
    this.signins.push(signin);
    return htmlResponse(
      200,
      `<!doctype html><html><head><meta charset="utf-8"><title>AWS Console (emulated)</title></head><body>` +
        `<h1>Signed in</h1><p>Signed in as <span id="arn">${escapeMarkup(signin.arn)}</span></p>` +
        `<p>Destination: <a id="destination" href="${escapeMarkup(signin.destination)}">${escapeMarkup(signin.destination)}</a></p>` +
        `<p>Issuer: <span id="issuer">${escapeMarkup(signin.issuer)}</span></p></body></html>`,
    );
  }
}

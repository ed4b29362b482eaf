import {
  escapeMarkup,
  htmlResponse,
  jsonResponse,
  redirectResponse,
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
  /** The console session's length in seconds: SessionDuration, else one hour. */
  sessionSeconds: number;
}

/** The cookie that stands for a console session in a browser. */
const sessionCookie = "aws-console-session";

/** The console's sign-in token lives 15 minutes (AWS: "valid for 15 minutes after issue"). */
const signinTokenTtlMs = 15 * 60 * 1000;

/**
 * https://signin.aws.amazon.com/federation as credo uses it: getSigninToken
 * exchanges a temporary session for a token, login spends it. Like AWS, only
 * role and federated-user sessions may sign in; GetSessionToken ones may not.
 */
export class SigninFederation {
  private readonly tokens = new Map<
    string,
    { arn: string; expiresAt: number; sessionSeconds: number }
  >();
  private readonly sessions = new Map<string, ConsoleSignin & { expiresAt: number }>();
  /** Every view of /console, with the identity its cookie stood for ("" when signed out). */
  readonly consoleViews: { arn: string; at: number }[] = [];
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
    this.tokens.set(token, {
      arn: issued.arn,
      expiresAt: now + signinTokenTtlMs,
      sessionSeconds: duration === null ? 3600 : Number(duration),
    });
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
      sessionSeconds: entry.sessionSeconds,
    };
    this.signins.push(signin);
    const session = opaqueToken("cs");
    this.sessions.set(session, { ...signin, expiresAt: now + entry.sessionSeconds * 1000 });
    // Like AWS, the sign-in sets the console's session cookie and goes on to the console; the
    // emulator's console is its own /console page, which shows whom the cookie stands for.
    const response = consolePage(signin.arn, signin.destination, signin.issuer, "/console");
    response.headers["set-cookie"] =
      `${sessionCookie}=${session}; Path=/; Max-Age=${entry.sessionSeconds}; HttpOnly; SameSite=Lax`;
    return response;
  }

  /** The console as a browser holding a session cookie sees it: who is signed in, if anyone. */
  console(cookieHeader: string | undefined, now: number): EmulatorResponse {
    const session = this.sessions.get(cookieValue(cookieHeader, sessionCookie) ?? "");
    const live = session !== undefined && session.expiresAt > now ? session : undefined;
    this.consoleViews.push({ arn: live?.arn ?? "", at: now });
    return consolePage(live?.arn ?? "", live?.destination ?? "", live?.issuer ?? "");
  }

  /** signin.aws.amazon.com/oauth?Action=logout: ends the browser's session, then goes on to redirect_uri. */
  logout(cookieHeader: string | undefined, query: URLSearchParams): EmulatorResponse {
    this.sessions.delete(cookieValue(cookieHeader, sessionCookie) ?? "");
    const next = query.get("redirect_uri");
    const response =
      next === null
        ? htmlResponse(200, "<!doctype html><title>Signed out</title><h1>Signed out</h1>")
        : redirectResponse(next);
    response.headers["set-cookie"] = `${sessionCookie}=; Path=/; Max-Age=0`;
    return response;
  }
}

function consolePage(
  arn: string,
  destination: string,
  issuer: string,
  next?: string,
): EmulatorResponse {
  const title = arn === "" ? "Not signed in" : "Signed in";
  const refresh = next === undefined ? "" : `<meta http-equiv="refresh" content="0;url=${next}">`;
  return htmlResponse(
    200,
    `<!doctype html><html><head><meta charset="utf-8">${refresh}<title>AWS Console (emulated)</title></head>` +
      `<body style="font-family:sans-serif"><h1>${title}</h1><p>Signed in as <span id="arn">${escapeMarkup(arn)}</span></p>` +
      `<p>Destination: <a id="destination" href="${escapeMarkup(destination)}">${escapeMarkup(destination)}</a></p>` +
      `<p>Issuer: <span id="issuer">${escapeMarkup(issuer)}</span></p></body></html>`,
  );
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

import { randomBytes } from "node:crypto";
import { escapeMarkup, htmlResponse, type EmulatorResponse } from "./http-response.js";
import { awsAcsUrl } from "./saml-constants.js";
import { signedSamlResponse } from "./saml-response.js";
import { generateSamlSigningKey, type SamlSigningKey } from "./saml-signing-key.js";
import { base32Encode, verifyTotp } from "./totp.js";

/** How the next assertion departs from a good one (tests of refusals). */
export type SamlAssertionFlaw = "tampered" | "expired" | "wrong-audience" | "no-roles";

export interface SamlRoleGrant {
  roleArn: string;
  providerArn: string;
}

const cookieName = "emulator_idp_session";
/** How long the provider's browser session lasts (a persistent cookie, as "keep me signed in" gives). */
const sessionSeconds = 8 * 3600;

/**
 * An identity provider with an AWS application: a sign-in page (user name and
 * password, then a TOTP code), a browser session kept in a cookie, and an
 * application URL that answers a signed SAML response in a form the page
 * posts to the AWS sign-in endpoint, as real providers do.
 */
export class SamlIdentityProvider {
  readonly userName = "alice@example.com";
  readonly password = `pw-${randomBytes(9).toString("base64url")}`;
  readonly totpSecret = base32Encode(randomBytes(20));
  roles: SamlRoleGrant[] = [];
  sessionDurationSeconds: number | undefined = undefined;
  acsUrl = awsAcsUrl;
  private readonly sessions = new Set<string>();
  private readonly pending = new Set<string>();
  private readonly flaws: SamlAssertionFlaw[] = [];
  private keyPromise: Promise<SamlSigningKey> | undefined;
  private completedSignIns = 0;
  private issued = 0;

  constructor(private readonly issuerOf: () => string) {}

  /** The signing key, generated once on first use (RSA generation takes most of a second). */
  key(): Promise<SamlSigningKey> {
    return (this.keyPromise ??= generateSamlSigningKey(this.issuerOf()));
  }

  get signIns(): number {
    return this.completedSignIns;
  }

  get assertionsIssued(): number {
    return this.issued;
  }

  flawNext(flaw: SamlAssertionFlaw): void {
    this.flaws.push(flaw);
  }

  endSessions(): void {
    this.sessions.clear();
  }

  /** GET /saml/idp/app/aws: the assertion when the browser holds a session, the sign-in page otherwise. */
  async application(cookieHeader: string | undefined, now: number): Promise<EmulatorResponse> {
    if (!this.sessions.has(readCookie(cookieHeader) ?? "")) return signInPage();
    return postFormPage(this.acsUrl, await this.assertion(now));
  }

  /** POST /saml/idp/login: the password step; the TOTP step follows. */
  passwordStep(form: URLSearchParams): EmulatorResponse {
    if (form.get("username") !== this.userName || form.get("password") !== this.password)
      return signInPage("The user name or password is wrong.");
    const step = randomBytes(16).toString("base64url");
    this.pending.add(step);
    return totpPage(step);
  }

  /** POST /saml/idp/totp: the code; success sets the session cookie and issues the assertion. */
  async totp(form: URLSearchParams, now: number): Promise<EmulatorResponse> {
    const step = form.get("step") ?? "";
    if (!this.pending.has(step)) return signInPage("The sign-in expired. Start again.");
    if (!verifyTotp(this.totpSecret, form.get("code") ?? "", now))
      return totpPage(step, "The code is wrong.");
    this.pending.delete(step);
    const session = randomBytes(24).toString("base64url");
    this.sessions.add(session);
    this.completedSignIns += 1;
    const page = postFormPage(this.acsUrl, await this.assertion(now));
    page.headers["set-cookie"] =
      `${cookieName}=${session}; Path=/; Max-Age=${sessionSeconds}; HttpOnly; SameSite=Lax`;
    return page;
  }

  /** A base64 SAML response for the configured roles (also handed to tests directly, e.g. for moto). */
  async assertion(now: number): Promise<string> {
    const flaw = this.flaws.shift();
    const roles =
      flaw === "no-roles" ? [] : this.roles.map((role) => `${role.roleArn},${role.providerArn}`);
    let xml = signedSamlResponse({
      issuer: this.issuerOf(),
      acsUrl: this.acsUrl,
      audience:
        flaw === "wrong-audience" ? "https://app.example.com/saml" : "urn:amazon:webservices",
      nameId: this.userName,
      roles,
      roleSessionName: this.userName,
      sessionDurationSeconds: this.sessionDurationSeconds,
      issuedAt: flaw === "expired" ? now - 3_600_000 : now,
      validForMs: 5 * 60_000,
      key: await this.key(),
    });
    // A changed byte inside the signed Assertion: the digest no longer matches.
    if (flaw === "tampered") xml = xml.replace(this.userName, `mallory${this.userName.slice(5)}`);
    this.issued += 1;
    return Buffer.from(xml, "utf8").toString("base64");
  }
}

function readCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === cookieName) return value.join("=");
  }
  return undefined;
}

function page(title: string, body: string): EmulatorResponse {
  return htmlResponse(
    200,
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeMarkup(title)}</title></head>` +
      `<body><h1>${escapeMarkup(title)}</h1>${body}</body></html>`,
  );
}

function notice(message: string | undefined): string {
  return message === undefined ? "" : `<p id="message">${escapeMarkup(message)}</p>`;
}

function signInPage(message?: string): EmulatorResponse {
  return page(
    "Sign in to Example Identity",
    `${notice(message)}<form method="post" action="/saml/idp/login">` +
      `<label>User name <input id="username" name="username" autocomplete="username"></label>` +
      `<label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>` +
      `<button id="sign-in" type="submit">Sign in</button></form>`,
  );
}

function totpPage(step: string, message?: string): EmulatorResponse {
  return page(
    "Verify it is you",
    `${notice(message)}<form method="post" action="/saml/idp/totp">` +
      `<input type="hidden" name="step" value="${escapeMarkup(step)}">` +
      `<label>Code from your authenticator app <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code"></label>` +
      `<button id="verify" type="submit">Verify</button></form>`,
  );
}

/** The HTTP-POST binding: a form the page submits by itself to the service provider. */
function postFormPage(acsUrl: string, samlResponse: string): EmulatorResponse {
  return page(
    "Signing in to AWS",
    `<form id="saml" method="post" action="${escapeMarkup(acsUrl)}">` +
      `<input type="hidden" name="SAMLResponse" value="${escapeMarkup(samlResponse)}">` +
      `<noscript><button type="submit">Continue</button></noscript></form>` +
      `<script>document.getElementById("saml").submit();</script>`,
  );
}

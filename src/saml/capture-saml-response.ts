import { chmod, mkdir } from "node:fs/promises";
import type { Route } from "playwright-core";
import { CredoError } from "../errors.js";
import type { Logger } from "../io/logger.js";
import { isAwsSamlEndpoint } from "./aws-saml-endpoint.js";

/** How the sign-in may show itself when the provider wants the user. */
export type SignInWindow =
  /** A normal browser window on the user's display. */
  | "window"
  /** No display: only the silent attempt can succeed. */
  | "none"
  /** Tests: the "window" runs headless and opens a DevTools port (DevToolsActivePort in the profile) for the test to drive it. */
  | "headless-devtools";

export interface CaptureRequest {
  /** The identity provider's AWS application URL. */
  url: string;
  /** The persistent browser profile, so the provider's session survives between sign-ins. */
  userDataDir: string;
  executablePath: string;
  /** The browser's environment: credo's own secrets already removed (childEnvironment). */
  browserEnv: Record<string, string>;
  window: SignInWindow;
  /** Profile name, for messages. */
  profile: string;
  logger: Logger;
  /** How long the silent attempt may stay quiet before credo shows the window. */
  quietMs?: number;
  /** How long the user has to sign in. */
  signInTimeoutMs?: number;
}

/**
 * The browser a SAML sign-in runs in: given the provider's application URL
 * and the browser profile, it resolves with the SAMLResponse the provider's
 * page posted to AWS. credo's is captureSamlResponse (Chromium through
 * playwright-core); in-process tests give their own.
 */
export type SamlBrowser = (request: CaptureRequest) => Promise<string>;

const donePage =
  '<!doctype html><html><head><meta charset="utf-8"><title>Signed in to AWS</title></head>' +
  "<body><h1>Signed in</h1><p>credo has what it needs. This window closes by itself.</p></body></html>";

/**
 * Opens the provider's application URL in the browser credo drives and
 * takes the SAMLResponse the page posts to AWS's sign-in endpoint; the post
 * is answered inside the browser and never leaves it. First silently
 * (headless: a live provider session posts the assertion without anyone),
 * then, if the provider wants the user, in a window until they finish.
 */
export async function captureSamlResponse(request: CaptureRequest): Promise<string> {
  await mkdir(request.userDataDir, { recursive: true, mode: 0o700 });
  await chmod(request.userDataDir, 0o700);
  const silent = await attempt(request, "silent");
  if (silent !== undefined) return silent;
  if (request.window === "none") {
    throw new CredoError(
      `Signing in to the identity provider of profile "${request.profile}" needs you, and there is no display to show the browser on.`,
      {
        exitCode: "auth",
        hint: `Sign in once in a desktop session on this machine (for example \`credo exec ${request.profile} -- true\`); later sign-ins reuse the provider's session without a window.`,
      },
    );
  }
  request.logger.debug(`saml ${request.profile}: the provider wants the user, showing the browser`);
  const captured = await attempt(request, "interactive");
  if (captured !== undefined) return captured;
  throw new CredoError(
    `The identity provider sent no SAML assertion for profile "${request.profile}": the sign-in window was closed or the sign-in did not finish in time.`,
    {
      exitCode: "auth",
      hint: `Sign in again; check that ${request.url} is the provider's AWS application URL.`,
    },
  );
}

async function launch(request: CaptureRequest, mode: "silent" | "interactive") {
  const { chromium } = await import("playwright-core");
  const visible = mode === "interactive" && request.window === "window";
  const args = ["--no-first-run", "--no-default-browser-check"];
  if (mode === "interactive" && request.window === "headless-devtools")
    args.push("--remote-debugging-port=0");
  try {
    return await chromium.launchPersistentContext(request.userDataDir, {
      executablePath: request.executablePath,
      headless: !visible,
      args,
      env: request.browserEnv,
      // The sandbox needs an unprivileged user; root (containers) cannot have it.
      chromiumSandbox: process.getuid?.() !== 0,
      viewport: null,
    });
  } catch (error) {
    throw new CredoError(
      `Could not start the browser for the SAML sign-in of profile "${request.profile}" (${firstLine(error)}).`,
      {
        exitCode: "general",
        hint: "Close other credo sign-ins of this profile, or set CREDO_BROWSER to a working Chromium-family browser.",
        cause: error,
      },
    );
  }
}

async function attempt(
  request: CaptureRequest,
  mode: "silent" | "interactive",
): Promise<string | undefined> {
  const context = await launch(request, mode);
  try {
    let captured: string | undefined;
    let closed = false;
    let lastActivity = Date.now();
    context.on("close", () => {
      closed = true;
    });
    context.on("request", () => {
      lastActivity = Date.now();
    });
    await context.route(isAwsSamlEndpoint, async (route: Route) => {
      const form = new URLSearchParams(route.request().postData() ?? "");
      const response = form.get("SAMLResponse");
      if (route.request().method() === "POST" && response !== null && response !== "") {
        captured = response;
        await route.fulfill({ status: 200, contentType: "text/html", body: donePage });
      } else {
        await route.abort();
      }
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("close", () => {
      if (context.pages().length === 0) closed = true;
    });
    await page.goto(request.url).catch((error: unknown) => {
      if (captured === undefined && !closed)
        throw new CredoError(
          `Could not open the identity provider's page ${request.url} (${firstLine(error)}).`,
          {
            exitCode: "network",
            hint: "Check the URL (credo_saml_url) and the network.",
            cause: error,
          },
        );
    });
    const started = Date.now();
    const limit = mode === "silent" ? 30_000 : (request.signInTimeoutMs ?? 10 * 60_000);
    const quiet = request.quietMs ?? 3_000;
    while (captured === undefined && !closed && Date.now() - started < limit) {
      if (mode === "silent" && Date.now() - lastActivity > quiet) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return captured;
  } finally {
    await context.close().catch(() => undefined);
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

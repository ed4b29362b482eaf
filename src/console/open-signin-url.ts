import type { Socket } from "node:net";
import { CredoError } from "../errors.js";
import { peerIsSameUser } from "../io/loopback-peer-uid.js";
import { serveOneShotRedirect } from "./one-shot-redirect.js";

/**
 * How long credo waits for the browser to fetch the loopback link: two
 * minutes covers a browser starting cold (a new profile, a loaded machine)
 * and a user who has to bring a desktop session to the front, while the
 * sign-in token behind it (15 minutes) is never in reach for long.
 */
export const signinLinkTimeoutMs = 120_000;

export interface OpenSigninOptions {
  /** Starts the browser on a URL (see sso/open-url.ts). */
  openUrl: (url: string) => Promise<void>;
  timeoutMs?: number;
  peerAllowed?: (socket: Socket) => Promise<boolean>;
}

/**
 * Opens the console sign-in URL (a bearer secret) in the browser by way of a
 * one-shot loopback redirect, so the secret is on no command line, and waits
 * until the browser has fetched it. Only the user's own processes get the
 * redirect where the system says who holds a connection (Linux); another
 * user who read the loopback URL from the browser's command line gets 404.
 */
export async function openSigninUrl(signinUrl: string, options: OpenSigninOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? signinLinkTimeoutMs;
  const redirect = await serveOneShotRedirect(signinUrl, {
    timeoutMs,
    peerAllowed: options.peerAllowed ?? peerIsSameUser,
  });
  try {
    await options.openUrl(redirect.url);
  } catch (error) {
    redirect.close();
    throw error;
  }
  if ((await redirect.outcome) === "expired") {
    throw new CredoError(
      `The sign-in link expired: no browser opened it within ${Math.round(timeoutMs / 1000)} seconds.`,
      {
        hint: "Run the command again, or use --print and open the URL yourself (treat it as a secret).",
      },
    );
  }
}

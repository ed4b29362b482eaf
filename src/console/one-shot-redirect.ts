import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** How long connections already open may still be answered (404) after the redirect went out. */
const lingerMs = 1000;

export type OneShotOutcome = "followed" | "expired";

export interface OneShotRedirect {
  /** http://127.0.0.1:PORT/<random path>: what the browser is given instead of the secret URL. */
  url: string;
  /** "followed" once the redirect was served, "expired" when the timeout passed first. */
  outcome: Promise<OneShotOutcome>;
  /** Stops serving now (the outcome then settles as "expired" if nothing was served). */
  close(): void;
}

export interface OneShotOptions {
  timeoutMs: number;
  /**
   * Whether the connecting process may have the redirect; a refused peer gets
   * 404 and the redirect stays for the right one. Default: anyone.
   */
  peerAllowed?: (socket: Socket) => Promise<boolean>;
}

/**
 * Hands a secret URL to a browser without putting it on a command line, where
 * every local user can read it from /proc/PID/cmdline for the browser's life.
 * The browser gets a loopback URL whose path holds 128 random bits; the first
 * GET of that exact path is redirected to the secret URL, then the listener
 * closes. Any other path, and any request after the first (a keep-alive
 * connection's next one), gets 404. The redirect is not to be cached or
 * passed on as a Referer, since its Location is the secret.
 */
export async function serveOneShotRedirect(
  target: string,
  options: OneShotOptions,
): Promise<OneShotRedirect> {
  const path = `/${randomBytes(16).toString("base64url")}`;
  let served = false;
  let settle: (outcome: OneShotOutcome) => void = () => undefined;
  const outcome = new Promise<OneShotOutcome>((resolve) => (settle = resolve));

  // Requests are answered one at a time, in the order they arrive: Node emits
  // a connection's pipelined requests at once, and with the peer check
  // awaited in between, a later request could otherwise take the redirect
  // while the earlier one's 404 (and connection close) goes out first.
  let answered = Promise.resolve();
  const server = createServer((request, response) => {
    answered = answered.then(() => answer(request, response)).catch(() => void response.destroy());
  });
  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const exact = request.method === "GET" && request.url === path;
    if (served || !exact || !(await (options.peerAllowed?.(request.socket) ?? true)) || served) {
      response.writeHead(404, {
        "content-type": "text/plain",
        "cache-control": "no-store",
        ...(served ? { connection: "close" } : {}),
      });
      response.end("Not found.\n");
      return;
    }
    served = true;
    // No new connection after this one; requests already on it still get their 404.
    server.close();
    response.writeHead(303, {
      location: target,
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "content-length": "0",
    });
    response.end(() => finish("followed"));
  }

  const timer = setTimeout(() => finish("expired"), options.timeoutMs);
  function finish(result: OneShotOutcome): void {
    clearTimeout(timer);
    server.close();
    if (result === "expired") server.closeAllConnections();
    // A request already on the browser's connection still gets its 404, then nothing is left open.
    else setTimeout(() => server.closeAllConnections(), lingerMs);
    settle(result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    outcome,
    close: () => finish(served ? "followed" : "expired"),
  };
}

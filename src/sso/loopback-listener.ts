import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { CredoError } from "../errors.js";

export interface LoopbackListener {
  /** http://127.0.0.1:PORT/oauth/callback, the redirect URI the browser returns to. */
  redirectUri: string;
  /** The authorization code, once the browser arrives with the expected state. */
  code: Promise<string>;
  close(): Promise<void>;
}

const callbackPath = "/oauth/callback";

/**
 * The authorization-code flow's redirect target: an HTTP listener on
 * 127.0.0.1 and a random port (never 0.0.0.0), accepting one redirect whose
 * `state` matches, which defeats a forged redirect from another page (RFC 6749
 * §10.12). An `error` parameter (the user pressed Deny) rejects the code.
 */
export async function startLoopbackListener(expectedState: string): Promise<LoopbackListener> {
  let settle: { resolve(code: string): void; reject(error: Error): void } | undefined;
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  code.catch(() => undefined);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== callbackPath) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found\n");
      return;
    }
    if (url.searchParams.get("state") !== expectedState) {
      response
        .writeHead(400, { "content-type": "text/plain" })
        .end("State mismatch: this login was not started here.\n");
      return;
    }
    const error = url.searchParams.get("error");
    const received = url.searchParams.get("code");
    const page = (text: string): void => {
      response
        .writeHead(error === null && received !== null ? 200 : 400, {
          "content-type": "text/html; charset=utf-8",
        })
        .end(`<!doctype html><title>credo</title><p>${text}</p>`);
    };
    if (error !== null) {
      page("Access was denied. You can close this window.");
      settle?.reject(
        new CredoError(`SSO login was denied in the browser (${error}).`, {
          exitCode: "auth",
          hint: "Run `credo sso login` again and choose Allow.",
        }),
      );
    } else if (received === null) {
      page("The redirect had no authorization code.");
    } else {
      page("credo is logged in. You can close this window.");
      settle?.resolve(received);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}${callbackPath}`,
    code,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { spawn } from "node:child_process";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { serveOneShotRedirect } from "../../src/console/one-shot-redirect.js";
import { openSigninUrl } from "../../src/console/open-signin-url.js";
import { CredoError } from "../../src/errors.js";

const secret = "https://signin.example/federation?Action=login&SigninToken=secret-token";

/** Sends raw HTTP/1.1 requests on one connection (pipelined, as a keep-alive browser may) and returns what came back. */
function rawRequests(url: string, paths: readonly string[]): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = "";
    socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
    socket.on("error", reject);
    socket.on("close", () => resolve(text));
    socket.write(
      paths.map((path) => `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`).join(""),
    );
  });
}

const statuses = (text: string) => [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => m[1]);

describe("the one-shot loopback redirect", () => {
  it("redirects the first GET of its random path once, with no-store and no-referrer, then closes", async () => {
    const redirect = await serveOneShotRedirect(secret, { timeoutMs: 60_000 });
    const url = new URL(redirect.url);
    expect(url.hostname).toBe("127.0.0.1");
    // 16 random bytes in base64url: 22 characters, 128 bits.
    expect(url.pathname).toMatch(/^\/[A-Za-z0-9_-]{22}$/);
    expect(redirect.url).not.toContain("secret-token");

    const response = await fetch(redirect.url, { redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(secret);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await redirect.outcome).toBe("followed");
    // Nothing listens any more: a fresh connection is refused.
    await expect(fetch(redirect.url, { redirect: "manual" })).rejects.toThrow();
  });

  it("answers 404 to a second request on the same connection", async () => {
    const redirect = await serveOneShotRedirect(secret, { timeoutMs: 60_000 });
    const path = new URL(redirect.url).pathname;
    const text = await rawRequests(redirect.url, [path, path]);
    expect(statuses(text)).toEqual(["303", "404"]);
    expect(text.split(secret).length).toBe(2);
    expect(await redirect.outcome).toBe("followed");
  });

  // Regression: Node hands a connection's pipelined requests over at once; when
  // the first one's peer check took longer, the second took the redirect and
  // the first one's 404 closed the connection before the 303 went out.
  it("gives the redirect to the first request even when its peer check is the slower one", async () => {
    let checks = 0;
    const redirect = await serveOneShotRedirect(secret, {
      timeoutMs: 60_000,
      peerAllowed: async () => {
        const first = checks++ === 0;
        await new Promise((resolve) => setTimeout(resolve, first ? 50 : 0));
        return true;
      },
    });
    const path = new URL(redirect.url).pathname;
    const text = await rawRequests(redirect.url, [path, path]);
    expect(statuses(text)).toEqual(["303", "404"]);
    expect(await redirect.outcome).toBe("followed");
  });

  it("answers 404 to any other path and keeps the redirect for the exact one", async () => {
    const redirect = await serveOneShotRedirect(secret, { timeoutMs: 60_000 });
    const { origin, pathname } = new URL(redirect.url);
    for (const other of ["/", `${pathname}x`, pathname.slice(0, -1), `${pathname}?a=1`]) {
      const response = await fetch(`${origin}${other}`, { redirect: "manual" });
      expect(response.status).toBe(404);
      expect(response.headers.get("location")).toBeNull();
    }
    const head = await fetch(redirect.url, { method: "HEAD", redirect: "manual" });
    expect(head.status).toBe(404);
    expect((await fetch(redirect.url, { redirect: "manual" })).status).toBe(303);
    expect(await redirect.outcome).toBe("followed");
  });

  it("answers 404 to a peer it refuses, and still redirects the right one", async () => {
    let allow = false;
    const redirect = await serveOneShotRedirect(secret, {
      timeoutMs: 60_000,
      peerAllowed: () => Promise.resolve(allow),
    });
    expect((await fetch(redirect.url, { redirect: "manual" })).status).toBe(404);
    allow = true;
    expect((await fetch(redirect.url, { redirect: "manual" })).status).toBe(303);
    expect(await redirect.outcome).toBe("followed");
  });

  it("expires after its timeout, and then nothing listens", async () => {
    const redirect = await serveOneShotRedirect(secret, { timeoutMs: 20 });
    expect(await redirect.outcome).toBe("expired");
    await expect(fetch(redirect.url, { redirect: "manual" })).rejects.toThrow();
  });
});

describe("opening the sign-in URL through the one-shot redirect", () => {
  it("hands the browser only the loopback URL and returns once it was followed", async () => {
    const opened: string[] = [];
    await openSigninUrl(secret, {
      timeoutMs: 60_000,
      openUrl: async (url) => {
        opened.push(url);
        const response = await fetch(url, { redirect: "manual" });
        expect(response.headers.get("location")).toBe(secret);
      },
    });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{22}$/);
  });

  it("says the link expired when no browser came within the timeout", async () => {
    const error = await openSigninUrl(secret, {
      timeoutMs: 30,
      openUrl: () => Promise.resolve(),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CredoError);
    expect((error as CredoError).message).toBe(
      "The sign-in link expired: no browser opened it within 0 seconds.",
    );
  });

  it.skipIf(process.getuid?.() !== 0)(
    "refuses another user's process that read the loopback URL (Linux, run as root)",
    async () => {
      let attackerStatus = "";
      await openSigninUrl(secret, {
        timeoutMs: 60_000,
        openUrl: async (url) => {
          // curl as nobody: the owner of its socket is uid 65534, not credo's.
          attackerStatus = await curlAs(65534, url);
          const response = await fetch(url, { redirect: "manual" });
          expect(response.status).toBe(303);
        },
      });
      expect(attackerStatus).toBe("404");
    },
  );
});

function curlAs(uid: number, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", url], {
      uid,
      gid: uid,
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", () => resolve(out));
  });
}

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from "@aws-sdk/client-sso-oidc";
import type { Browser } from "playwright-core";
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { lacks } from "../support/external-tool.js";
import { launchHeadlessBrowser } from "../support/headless-browser.js";

const noBrowser = lacks("chromium-headless-shell");

describe.skipIf(noBrowser)("SSO approval pages clicked in headless chromium", () => {
  let emu: Emulator;
  let browser: Browser;
  let oidc: SSOOIDCClient;
  const startUrl = "https://browser.awsapps.com/start";

  beforeAll(async () => {
    emu = await startEmulator({ sso: { startUrl } });
    // The SDK's default retries: a connection reset under load (seen once: read ECONNRESET) is
    // retried as the SDK retries it for credo; a refusal (AccessDenied) is never retried.
    oidc = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url });
    browser = await launchHeadlessBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.stop();
  });

  async function startDevice() {
    const registered = await oidc.send(
      new RegisterClientCommand({
        clientName: "browser-test",
        clientType: "public",
        scopes: ["sso:account:access"],
      }),
    );
    const client = { clientId: registered.clientId!, clientSecret: registered.clientSecret! };
    const device = await oidc.send(new StartDeviceAuthorizationCommand({ ...client, startUrl }));
    const poll = () =>
      oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: "urn:ietf:params:oauth:grant-type:device_code",
          deviceCode: device.deviceCode,
        }),
      );
    return { device, poll };
  }

  it("device code: clicking Allow approves the login", async () => {
    const { device, poll } = await startDevice();
    const page = await browser.newPage();
    await page.goto(device.verificationUriComplete!);
    expect(await page.textContent("#user-code")).toBe(device.userCode);
    await page.click("#allow");
    expect(await page.textContent("#message")).toContain("approved");
    await page.close();
    expect((await poll()).accessToken).toBeTruthy();
  });

  it("device code: clicking Deny refuses it", async () => {
    const { device, poll } = await startDevice();
    const page = await browser.newPage();
    await page.goto(device.verificationUriComplete!);
    await page.click("#deny");
    expect(await page.textContent("#message")).toContain("denied");
    await page.close();
    await expect(poll()).rejects.toMatchObject({ name: "AccessDeniedException" });
  });

  it("authorization code: Allow redirects to the loopback listener with code and state", async () => {
    let received: URL | undefined;
    const listener: Server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      // chromium also asks this origin for /favicon.ico; only the callback counts.
      if (url.pathname === "/oauth/callback") received = url;
      res.end("done");
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const redirectUri = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/oauth/callback`;
    try {
      const registered = await oidc.send(
        new RegisterClientCommand({
          clientName: "pkce-browser",
          clientType: "public",
          scopes: ["sso:account:access"],
          redirectUris: [redirectUri],
          grantTypes: ["authorization_code", "refresh_token"],
          issuerUrl: startUrl,
        }),
      );
      const verifier = randomBytes(32).toString("base64url");
      const query = new URLSearchParams({
        response_type: "code",
        client_id: registered.clientId!,
        redirect_uri: redirectUri,
        state: "browser-state",
        code_challenge: createHash("sha256").update(verifier).digest("base64url"),
        code_challenge_method: "S256",
      });
      const page = await browser.newPage();
      await page.goto(`${emu.url}/authorize?${query}`);
      expect(await page.textContent("#client-name")).toBe("pkce-browser");
      await page.click("#allow");
      await page.waitForURL((url) => url.pathname === "/oauth/callback");
      await page.close();
      expect(received?.searchParams.get("state")).toBe("browser-state");
      const token = await oidc.send(
        new CreateTokenCommand({
          clientId: registered.clientId,
          clientSecret: registered.clientSecret,
          grantType: "authorization_code",
          code: received!.searchParams.get("code")!,
          codeVerifier: verifier,
          redirectUri,
        }),
      );
      expect(token.refreshToken).toBeTruthy();
    } finally {
      listener.close();
    }
  });
});

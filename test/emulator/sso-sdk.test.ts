import { createHash, randomBytes } from "node:crypto";
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  LogoutCommand,
  SSOClient,
  paginateListAccounts,
} from "@aws-sdk/client-sso";
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from "@aws-sdk/client-sso-oidc";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/io/clock.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";

const deviceGrant = "urn:ietf:params:oauth:grant-type:device_code";

describe("SSO portal and SSO OIDC through @aws-sdk/client-sso and client-sso-oidc", () => {
  const clock = fixedClock(Date.now());
  let emu: Emulator;
  let oidc: SSOOIDCClient;
  let portal: SSOClient;

  beforeAll(async () => {
    emu = await startEmulator({
      clock,
      sso: { startUrl: "https://acme.awsapps.com/start", userName: "carol" },
    });
    for (let i = 0; i < 5; i++) {
      const accountId = `44444444444${i}`;
      emu.sso.addAccount({ accountId, accountName: `acme-${i}` });
      emu.sso.addRole({ accountId, roleName: "ReadOnly" });
    }
    emu.sso.addRole({ accountId: "444444444440", roleName: "Admin" });
    oidc = new SSOOIDCClient({ region: "eu-west-1", endpoint: emu.url, maxAttempts: 1 });
    portal = new SSOClient({ region: "eu-west-1", endpoint: emu.url, maxAttempts: 1 });
  });
  afterAll(() => emu.stop());

  async function register(scopes?: string[], redirectUris?: string[]) {
    const client = await oidc.send(
      new RegisterClientCommand({
        clientName: "credo-test",
        clientType: "public",
        scopes,
        redirectUris,
      }),
    );
    return { clientId: client.clientId!, clientSecret: client.clientSecret! };
  }

  async function deviceLogin() {
    const client = await register(["sso:account:access"]);
    const device = await oidc.send(
      new StartDeviceAuthorizationCommand({
        ...client,
        startUrl: "https://acme.awsapps.com/start",
      }),
    );
    emu.sso.approve(device.userCode!);
    const token = await oidc.send(
      new CreateTokenCommand({ ...client, grantType: deviceGrant, deviceCode: device.deviceCode }),
    );
    return { client, token };
  }

  it("device code: pending, slow_down when polled too fast, then tokens once approved", async () => {
    const client = await register(["sso:account:access"]);
    const device = await oidc.send(
      new StartDeviceAuthorizationCommand({
        ...client,
        startUrl: "https://acme.awsapps.com/start",
      }),
    );
    expect(device.verificationUriComplete).toBe(`${emu.url}/device?user_code=${device.userCode}`);
    expect(device.interval).toBe(1);
    const poll = () =>
      oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: deviceGrant,
          deviceCode: device.deviceCode,
        }),
      );

    await expect(poll()).rejects.toMatchObject({
      name: "AuthorizationPendingException",
      error: "authorization_pending",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(poll()).rejects.toMatchObject({ name: "SlowDownException", error: "slow_down" });
    clock.advance(1000);
    await expect(poll()).rejects.toMatchObject({ name: "AuthorizationPendingException" });
    emu.sso.approve(device.userCode!);
    clock.advance(1000);
    const token = await poll();
    expect(token).toMatchObject({ tokenType: "Bearer", expiresIn: 8 * 3600 });
    expect(token.accessToken).toBeTruthy();
    expect(token.refreshToken).toBeTruthy();
    await expect(poll()).rejects.toMatchObject({
      name: "InvalidGrantException",
      error: "invalid_grant",
    });
    expect(emu.calls("sso-oidc:CreateToken")).toBe(5);
  });

  it("device code: denial and expiry", async () => {
    const client = await register();
    const start = () =>
      oidc.send(
        new StartDeviceAuthorizationCommand({
          ...client,
          startUrl: "https://acme.awsapps.com/start",
        }),
      );
    const denied = await start();
    emu.sso.deny(denied.userCode!);
    await expect(
      oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: deviceGrant,
          deviceCode: denied.deviceCode,
        }),
      ),
    ).rejects.toMatchObject({
      name: "AccessDeniedException",
      error: "access_denied",
    });
    const expired = await start();
    clock.advance(601_000);
    await expect(
      oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: deviceGrant,
          deviceCode: expired.deviceCode,
        }),
      ),
    ).rejects.toMatchObject({
      name: "ExpiredTokenException",
      error: "expired_token",
    });
  });

  it("a legacy registration (no scopes) gets no refresh token; refresh_token grant rotates tokens", async () => {
    const legacy = await register();
    const device = await oidc.send(
      new StartDeviceAuthorizationCommand({
        ...legacy,
        startUrl: "https://acme.awsapps.com/start",
      }),
    );
    emu.sso.approve(device.userCode!);
    const legacyToken = await oidc.send(
      new CreateTokenCommand({ ...legacy, grantType: deviceGrant, deviceCode: device.deviceCode }),
    );
    expect(legacyToken.refreshToken).toBeUndefined();

    const { client, token } = await deviceLogin();
    const refreshed = await oidc.send(
      new CreateTokenCommand({
        ...client,
        grantType: "refresh_token",
        refreshToken: token.refreshToken,
      }),
    );
    expect(refreshed.accessToken).not.toBe(token.accessToken);
    await expect(
      oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: "refresh_token",
          refreshToken: token.refreshToken,
        }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidGrantException",
    });
  });

  it("authorization code with PKCE S256: the verifier must match the challenge", async () => {
    const redirectUri = "http://127.0.0.1:9/oauth/callback";
    const client = await register(["sso:account:access"], [redirectUri]);
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    async function authorize(): Promise<string> {
      const query = new URLSearchParams({
        response_type: "code",
        client_id: client.clientId,
        redirect_uri: redirectUri,
        state: "st4te",
        code_challenge: challenge,
        code_challenge_method: "S256",
        scopes: "sso:account:access",
      });
      const toApproval = await fetch(`${emu.url}/authorize?${query}`, { redirect: "manual" });
      expect(toApproval.status).toBe(302);
      const approvalUrl = new URL(toApproval.headers.get("location")!);
      expect(await (await fetch(approvalUrl)).text()).toContain("credo-test");
      const decided = await fetch(`${emu.url}/approve`, {
        method: "POST",
        redirect: "manual",
        body: new URLSearchParams({
          request: approvalUrl.searchParams.get("request")!,
          decision: "allow",
        }),
      });
      const back = new URL(decided.headers.get("location")!);
      expect(back.origin + back.pathname).toBe(redirectUri);
      expect(back.searchParams.get("state")).toBe("st4te");
      return back.searchParams.get("code")!;
    }
    const exchange = (code: string, codeVerifier: string) =>
      oidc.send(
        new CreateTokenCommand({
          ...client,
          grantType: "authorization_code",
          code,
          codeVerifier,
          redirectUri,
        }),
      );
    await expect(
      exchange(await authorize(), randomBytes(32).toString("base64url")),
    ).rejects.toMatchObject({ name: "InvalidGrantException" });
    const token = await exchange(await authorize(), verifier);
    expect(token.accessToken).toBeTruthy();
  });

  it("ListAccounts pages with nextToken; ListAccountRoles lists the roles", async () => {
    const { token } = await deviceLogin();
    const pages: string[][] = [];
    for await (const page of paginateListAccounts(
      { client: portal, pageSize: 2 },
      { accessToken: token.accessToken },
    )) {
      pages.push(page.accountList!.map((account) => account.accountName!));
    }
    expect(pages).toEqual([["acme-0", "acme-1"], ["acme-2", "acme-3"], ["acme-4"]]);
    const roles = await portal.send(
      new ListAccountRolesCommand({ accessToken: token.accessToken, accountId: "444444444440" }),
    );
    expect(roles.roleList?.map((role) => role.roleName)).toEqual(["ReadOnly", "Admin"]);
  });

  it("GetRoleCredentials issues credentials STS recognises; logout ends the token", async () => {
    const { token } = await deviceLogin();
    const { roleCredentials } = await portal.send(
      new GetRoleCredentialsCommand({
        accessToken: token.accessToken,
        accountId: "444444444441",
        roleName: "ReadOnly",
      }),
    );
    expect(roleCredentials?.expiration).toBe(clock.now() + 3600_000);
    const sts = new STSClient({
      region: "eu-west-1",
      endpoint: emu.url,
      maxAttempts: 1,
      credentials: {
        accessKeyId: roleCredentials!.accessKeyId!,
        secretAccessKey: roleCredentials!.secretAccessKey!,
        sessionToken: roleCredentials!.sessionToken!,
      },
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toMatch(
      /^arn:aws:sts::444444444441:assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]{16}\/carol$/,
    );

    await expect(
      portal.send(
        new GetRoleCredentialsCommand({
          accessToken: token.accessToken,
          accountId: "444444444441",
          roleName: "Admin",
        }),
      ),
    ).rejects.toMatchObject({
      name: "ForbiddenException",
    });
    await portal.send(new LogoutCommand({ accessToken: token.accessToken }));
    await expect(
      portal.send(
        new GetRoleCredentialsCommand({
          accessToken: token.accessToken,
          accountId: "444444444441",
          roleName: "ReadOnly",
        }),
      ),
    ).rejects.toMatchObject({
      name: "UnauthorizedException",
      $metadata: { httpStatusCode: 401 },
    });
  });
});

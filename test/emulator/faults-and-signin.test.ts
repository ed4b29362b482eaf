import { GetRoleCredentialsCommand, SSOClient } from "@aws-sdk/client-sso";
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
  type Credentials,
} from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  startEmulator,
  type Emulator,
  type EmulatedUserCredentials,
} from "../../src/emulator/index.js";

describe("fault injection", () => {
  let emu: Emulator;
  let dave: EmulatedUserCredentials;
  const sts = (maxAttempts: number) =>
    new STSClient({ region: "us-east-1", endpoint: emu.url, credentials: dave, maxAttempts });

  beforeAll(async () => {
    emu = await startEmulator();
    dave = emu.createUser({ account: "555555555555", userName: "dave" });
  });
  afterAll(() => emu.stop());
  beforeEach(() => {
    emu.resetCalls();
    emu.clearFaults();
  });

  it("the SDK retries 503 Throttling; the call count shows every attempt", async () => {
    emu.failNext("sts:GetCallerIdentity", {
      status: 503,
      code: "Throttling",
      message: "Rate exceeded",
      times: 2,
    });
    const identity = await sts(3).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(dave.arn);
    expect(emu.calls("sts:GetCallerIdentity")).toBe(3);
  });

  it("a 500 that outlasts the retries surfaces as the injected error", async () => {
    emu.failNext("sts:GetSessionToken", { status: 500, code: "InternalFailure", times: 5 });
    await expect(sts(2).send(new GetSessionTokenCommand({}))).rejects.toMatchObject({
      name: "InternalFailure",
      $metadata: { httpStatusCode: 500, attempts: 2 },
    });
    expect(emu.calls("sts:GetSessionToken")).toBe(2);
  });

  it("a closed connection and a malformed body fail the call", async () => {
    emu.failNext("sts:GetCallerIdentity", { closeConnection: true });
    await expect(sts(1).send(new GetCallerIdentityCommand({}))).rejects.toThrow();
    emu.failNext("sts:GetCallerIdentity", { malformedBody: true });
    await expect(sts(1).send(new GetCallerIdentityCommand({}))).rejects.toThrow();
    expect(emu.calls("sts:GetCallerIdentity")).toBe(2);
  });

  it("a delay beyond the client's timeout fails it; the next call is normal", async () => {
    emu.failNext("sts:GetCallerIdentity", { delayMs: 500 });
    await expect(
      sts(1).send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    expect((await sts(1).send(new GetCallerIdentityCommand({}))).Arn).toBe(dave.arn);
  });

  it("REST-JSON services fail the same way", async () => {
    emu.failNext("sso:GetRoleCredentials", {
      status: 429,
      code: "TooManyRequestsException",
      message: "slow down",
    });
    const portal = new SSOClient({ region: "us-east-1", endpoint: emu.url, maxAttempts: 1 });
    await expect(
      portal.send(
        new GetRoleCredentialsCommand({
          accessToken: "x",
          accountId: "555555555555",
          roleName: "R",
        }),
      ),
    ).rejects.toMatchObject({
      name: "TooManyRequestsException",
      $metadata: { httpStatusCode: 429 },
    });
  });
});

describe("console sign-in federation", () => {
  let emu: Emulator;
  let erin: EmulatedUserCredentials;
  const stsWith = (credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  }) => new STSClient({ region: "us-east-1", endpoint: emu.url, credentials, maxAttempts: 1 });
  const sessionJson = (credentials: Credentials | undefined) =>
    JSON.stringify({
      sessionId: credentials!.AccessKeyId,
      sessionKey: credentials!.SecretAccessKey,
      sessionToken: credentials!.SessionToken,
    });
  const getSigninToken = (session: string) =>
    fetch(
      `${emu.url}/federation?${new URLSearchParams({ Action: "getSigninToken", Session: session })}`,
    );

  beforeAll(async () => {
    emu = await startEmulator();
    erin = emu.createUser({ account: "666666666666", userName: "erin" });
    emu.createRole({
      arn: "arn:aws:iam::777777777777:role/Console",
      trustAccounts: ["666666666666"],
    });
  });
  afterAll(() => emu.stop());

  it("a role session signs in, and the landing page says who", async () => {
    const role = await stsWith(erin).send(
      new AssumeRoleCommand({
        RoleArn: "arn:aws:iam::777777777777:role/Console",
        RoleSessionName: "erin",
      }),
    );
    const tokenResponse = await getSigninToken(sessionJson(role.Credentials));
    expect(tokenResponse.status).toBe(200);
    const { SigninToken } = (await tokenResponse.json()) as { SigninToken: string };
    const login = await fetch(
      `${emu.url}/federation?${new URLSearchParams({ Action: "login", Issuer: "credo", Destination: "https://console.aws.amazon.com/", SigninToken })}`,
    );
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("arn:aws:sts::777777777777:assumed-role/Console/erin");
    expect(emu.signins()).toMatchObject([
      {
        arn: "arn:aws:sts::777777777777:assumed-role/Console/erin",
        issuer: "credo",
        destination: "https://console.aws.amazon.com/",
      },
    ]);
  });

  it("a federation-token session signs in; a GetSessionToken session and a forged one do not", async () => {
    const federated = await stsWith(erin).send(new GetFederationTokenCommand({ Name: "erin" }));
    expect((await getSigninToken(sessionJson(federated.Credentials))).status).toBe(200);
    const plain = await stsWith(erin).send(new GetSessionTokenCommand({}));
    expect((await getSigninToken(sessionJson(plain.Credentials))).status).toBe(400);
    const forged = JSON.stringify({
      sessionId: federated.Credentials!.AccessKeyId,
      sessionKey: "wrong",
      sessionToken: federated.Credentials!.SessionToken,
    });
    expect((await getSigninToken(forged)).status).toBe(400);
    const login = await fetch(
      `${emu.url}/federation?${new URLSearchParams({ Action: "login", Destination: "https://console.aws.amazon.com/", SigninToken: "made-up" })}`,
    );
    expect(login.status).toBe(400);
  });
});

import { createHash } from "node:crypto";
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
  type Credentials,
} from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/io/clock.js";
import {
  startEmulator,
  totp,
  type Emulator,
  type EmulatedUserCredentials,
} from "../../src/emulator/index.js";

const hubAccount = "111111111111";
const spokeAccount = "222222222222";

function stsWith(
  emu: Emulator,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): STSClient {
  return new STSClient({ region: "us-east-1", endpoint: emu.url, credentials, maxAttempts: 1 });
}

function fromIssued(credentials: Credentials | undefined) {
  if (credentials?.AccessKeyId === undefined || credentials.SecretAccessKey === undefined)
    throw new Error("no credentials issued");
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    ...(credentials.SessionToken === undefined ? {} : { sessionToken: credentials.SessionToken }),
  };
}

describe("STS through @aws-sdk/client-sts", () => {
  // A frozen clock (started at the real time, so SDK signatures are not skewed)
  // keeps TOTP codes stable and lets a test move past an expiry.
  const clock = fixedClock(Date.now());
  let emu: Emulator;
  let alice: EmulatedUserCredentials;

  beforeAll(async () => {
    emu = await startEmulator({ clock });
    alice = emu.createUser({ account: hubAccount, userName: "alice", mfa: true });
    emu.createRole({
      arn: `arn:aws:iam::${spokeAccount}:role/Dev`,
      trustAccounts: [hubAccount],
      requireMfa: true,
    });
    emu.createRole({
      arn: `arn:aws:iam::${spokeAccount}:role/Audit`,
      trustPrincipals: [`arn:aws:iam::${spokeAccount}:role/Dev`],
      maxSessionDuration: 7200,
    });
    emu.createRole({
      arn: `arn:aws:iam::${spokeAccount}:role/Vendor`,
      trustAccounts: [hubAccount],
      externalId: "shared-secret-id",
    });
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.resetCalls());

  const code = () => totp(alice.mfaSecret!, clock.now());

  it("GetCallerIdentity with long-term keys names the user", async () => {
    const identity = await stsWith(emu, alice).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({
      Account: hubAccount,
      Arn: `arn:aws:iam::${hubAccount}:user/alice`,
    });
    expect(identity.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(emu.calls("sts:GetCallerIdentity")).toBe(1);
  });

  it("GetSessionToken with a TOTP code, then an MFA-protected AssumeRole chain, then GetCallerIdentity", async () => {
    const session = await stsWith(emu, alice).send(
      new GetSessionTokenCommand({
        SerialNumber: alice.mfaSerial,
        TokenCode: code(),
        DurationSeconds: 3600,
      }),
    );
    const sessionCredentials = fromIssued(session.Credentials);
    expect(sessionCredentials.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(sessionCredentials.secretAccessKey).toHaveLength(40);
    expect(session.Credentials?.Expiration?.getTime()).toBe(clock.now() + 3600_000);

    const dev = await stsWith(emu, sessionCredentials).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${spokeAccount}:role/Dev`,
        RoleSessionName: "alice",
      }),
    );
    expect(dev.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${spokeAccount}:assumed-role/Dev/alice`);
    expect(dev.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:alice$/);

    const audit = await stsWith(emu, fromIssued(dev.Credentials)).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${spokeAccount}:role/Audit`,
        RoleSessionName: "chained",
      }),
    );
    const identity = await stsWith(emu, fromIssued(audit.Credentials)).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity).toMatchObject({
      Account: spokeAccount,
      Arn: `arn:aws:sts::${spokeAccount}:assumed-role/Audit/chained`,
    });
    expect(emu.calls("sts:AssumeRole")).toBe(2);
    expect(emu.calls("sts:GetSessionToken")).toBe(1);
  });

  it("role chaining is limited to one hour, like AWS", async () => {
    const dev = await stsWith(emu, alice).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${spokeAccount}:role/Dev`,
        RoleSessionName: "first",
        SerialNumber: alice.mfaSerial,
        TokenCode: code(),
      }),
    );
    await expect(
      stsWith(emu, fromIssued(dev.Credentials)).send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${spokeAccount}:role/Audit`,
          RoleSessionName: "second",
          DurationSeconds: 7200,
        }),
      ),
    ).rejects.toMatchObject({
      name: "ValidationError",
      message: expect.stringContaining("role chaining"),
    });
  });

  it("AssumeRole on an MFA role without MFA is denied; with SerialNumber+TokenCode it passes", async () => {
    const input = { RoleArn: `arn:aws:iam::${spokeAccount}:role/Dev`, RoleSessionName: "direct" };
    await expect(stsWith(emu, alice).send(new AssumeRoleCommand(input))).rejects.toMatchObject({
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403 },
    });
    const result = await stsWith(emu, alice).send(
      new AssumeRoleCommand({ ...input, SerialNumber: alice.mfaSerial, TokenCode: code() }),
    );
    expect(result.Credentials?.Expiration?.getTime()).toBe(clock.now() + 3600_000);
  });

  it("a wrong MFA code is rejected with AWS's message", async () => {
    const wrong = String((Number(code()) + 1) % 1_000_000).padStart(6, "0");
    await expect(
      stsWith(emu, alice).send(
        new GetSessionTokenCommand({ SerialNumber: alice.mfaSerial, TokenCode: wrong }),
      ),
    ).rejects.toMatchObject({
      name: "AccessDenied",
      message: "MultiFactorAuthentication failed with invalid MFA one time pass code.",
    });
  });

  it("a wrong secret is SignatureDoesNotMatch; an unknown key is InvalidClientTokenId", async () => {
    await expect(
      stsWith(emu, { ...alice, secretAccessKey: "x".repeat(40) }).send(
        new GetCallerIdentityCommand({}),
      ),
    ).rejects.toMatchObject({
      name: "SignatureDoesNotMatch",
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      stsWith(emu, { accessKeyId: "AKIAUNKNOWNUNKNOWN00", secretAccessKey: "y".repeat(40) }).send(
        new GetCallerIdentityCommand({}),
      ),
    ).rejects.toMatchObject({
      name: "InvalidClientTokenId",
    });
  });

  it("temporary credentials need their own session token and expire", async () => {
    const session = fromIssued(
      (await stsWith(emu, alice).send(new GetSessionTokenCommand({ DurationSeconds: 900 })))
        .Credentials,
    );
    await expect(
      stsWith(emu, { ...session, sessionToken: "forged" }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({ name: "InvalidClientTokenId" });
    clock.advance(901_000);
    try {
      await expect(
        stsWith(emu, session).send(new GetCallerIdentityCommand({})),
      ).rejects.toMatchObject({ name: "ExpiredToken", $metadata: { httpStatusCode: 400 } });
    } finally {
      clock.advance(-901_000);
    }
  });

  it("a clock more than 15 minutes off is refused", async () => {
    const skewed = new STSClient({
      region: "us-east-1",
      endpoint: emu.url,
      credentials: alice,
      maxAttempts: 1,
      systemClockOffset: clock.now() - Date.now() + 20 * 60_000,
    });
    await expect(skewed.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "SignatureDoesNotMatch",
      message: expect.stringContaining("Signature not yet current"),
    });
  });

  it("validates durations and session names", async () => {
    await expect(
      stsWith(emu, alice).send(new GetSessionTokenCommand({ DurationSeconds: 899 })),
    ).rejects.toMatchObject({ name: "ValidationError" });
    await expect(
      stsWith(emu, alice).send(new GetSessionTokenCommand({ DurationSeconds: 129601 })),
    ).rejects.toMatchObject({ name: "ValidationError" });
    await expect(
      stsWith(emu, alice).send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${spokeAccount}:role/Vendor`,
          RoleSessionName: "bad name",
          ExternalId: "shared-secret-id",
        }),
      ),
    ).rejects.toMatchObject({
      name: "ValidationError",
    });
  });

  it("ExternalId must match when the role demands one", async () => {
    const input = {
      RoleArn: `arn:aws:iam::${spokeAccount}:role/Vendor`,
      RoleSessionName: "vendor",
    };
    await expect(
      stsWith(emu, alice).send(new AssumeRoleCommand({ ...input, ExternalId: "guess" })),
    ).rejects.toMatchObject({ name: "AccessDenied" });
    const ok = await stsWith(emu, alice).send(
      new AssumeRoleCommand({ ...input, ExternalId: "shared-secret-id" }),
    );
    expect(ok.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${spokeAccount}:assumed-role/Vendor/vendor`);
  });

  it("GetSessionToken and GetFederationToken refuse session credentials", async () => {
    const session = fromIssued(
      (await stsWith(emu, alice).send(new GetSessionTokenCommand({}))).Credentials,
    );
    await expect(stsWith(emu, session).send(new GetSessionTokenCommand({}))).rejects.toMatchObject({
      name: "AccessDenied",
    });
    await expect(
      stsWith(emu, session).send(new GetFederationTokenCommand({ Name: "alice" })),
    ).rejects.toMatchObject({ name: "AccessDenied" });
    const federated = await stsWith(emu, alice).send(
      new GetFederationTokenCommand({ Name: "alice-console" }),
    );
    expect(federated.FederatedUser?.Arn).toBe(
      `arn:aws:sts::${hubAccount}:federated-user/alice-console`,
    );
    const identity = await stsWith(emu, fromIssued(federated.Credentials)).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity.UserId).toBe(`${hubAccount}:alice-console`);
  });

  it("AssumeRoleWithWebIdentity is unsigned and wants a JWT-shaped token", async () => {
    const anonymous = new STSClient({
      region: "us-east-1",
      endpoint: emu.url,
      credentials: { accessKeyId: "unused", secretAccessKey: "unused" },
      maxAttempts: 1,
    });
    const jwt = [
      "e30",
      Buffer.from(
        JSON.stringify({
          sub: "repo:acme/app",
          aud: "sts.amazonaws.com",
          iss: "https://token.example",
        }),
      ).toString("base64url"),
      "c2ln",
    ].join(".");
    const input = { RoleArn: `arn:aws:iam::${spokeAccount}:role/Audit`, RoleSessionName: "ci" };
    const result = await anonymous.send(
      new AssumeRoleWithWebIdentityCommand({ ...input, WebIdentityToken: jwt }),
    );
    expect(result).toMatchObject({
      SubjectFromWebIdentityToken: "repo:acme/app",
      Audience: "sts.amazonaws.com",
      AssumedRoleUser: { Arn: `arn:aws:sts::${spokeAccount}:assumed-role/Audit/ci` },
    });
    await expect(
      anonymous.send(
        new AssumeRoleWithWebIdentityCommand({ ...input, WebIdentityToken: "not-a-jwt" }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidIdentityTokenException",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      anonymous.send(
        new AssumeRoleWithWebIdentityCommand({
          ...input,
          RoleArn: `arn:aws:iam::${spokeAccount}:role/Missing`,
          WebIdentityToken: jwt,
        }),
      ),
    ).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("an unsigned request for a signed action is MissingAuthenticationToken, in the query protocol's XML", async () => {
    const response = await fetch(emu.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>[^<]+<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });

  it("a body changed after signing its x-amz-content-sha256 is refused", async () => {
    const client = stsWith(emu, alice);
    type Step = { request: { headers: Record<string, string>; body: string } };
    // Before signing: declare the body's digest, as S3-style clients do.
    client.middlewareStack.add(
      (next) => (args) => {
        const { request } = args as unknown as Step;
        request.headers["x-amz-content-sha256"] = createHash("sha256")
          .update(request.body)
          .digest("hex");
        return next(args);
      },
      { step: "build" },
    );
    // After signing: swap the body for another action.
    client.middlewareStack.add(
      (next) => (args) => {
        const { request } = args as unknown as Step;
        request.body = "Action=GetSessionToken&Version=2011-06-15";
        request.headers["content-length"] = String(request.body.length);
        return next(args);
      },
      { step: "deserialize" },
    );
    await expect(client.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "XAmzContentSHA256Mismatch",
      $metadata: { httpStatusCode: 400 },
    });
    expect(emu.calls("sts:GetSessionToken")).toBe(1);
  });
});

import { AssumeRoleCommand, STSClient, type Credentials } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";

/** The emulator's AssumeRole with SourceIdentity and session tags, through the real SDK client. */
const hubAccount = "111111111111";
const spoke = (name: string) => `arn:aws:iam::222222222222:role/${name}`;
let emu: Emulator;
let user: { accessKeyId: string; secretAccessKey: string };

function sts(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  return new STSClient({ region: "us-east-1", endpoint: emu.url, credentials, maxAttempts: 1 });
}

function session(credentials: Credentials | undefined) {
  return {
    accessKeyId: credentials?.AccessKeyId ?? "",
    secretAccessKey: credentials?.SecretAccessKey ?? "",
    sessionToken: credentials?.SessionToken ?? "",
  };
}

beforeAll(async () => {
  emu = await startEmulator();
  user = emu.createUser({ account: hubAccount, userName: "alice" });
  const both = ["sts:SetSourceIdentity", "sts:TagSession"] as const;
  emu.createRole({ arn: spoke("Both"), trustAccounts: [hubAccount], trustActions: [...both] });
  emu.createRole({
    arn: spoke("TeamOnly"),
    trustAccounts: [hubAccount],
    trustActions: [...both],
    allowedTagKeys: ["team"],
  });
  emu.createRole({
    arn: spoke("Chained"),
    trustAccounts: ["222222222222"],
    trustActions: [...both],
  });
  emu.createRole({ arn: spoke("ChainedPlain"), trustAccounts: ["222222222222"] });
  emu.createRole({
    arn: spoke("IdentityOnly"),
    trustAccounts: [hubAccount],
    trustActions: ["sts:SetSourceIdentity"],
  });
});
afterAll(async () => {
  await emu?.stop();
});

const assume = (
  credentials: Parameters<typeof sts>[0],
  input: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]> & { RoleArn: string },
) => sts(credentials).send(new AssumeRoleCommand({ RoleSessionName: "s1", ...input }));

describe("AssumeRole with SourceIdentity and Tags", () => {
  it("returns the SourceIdentity and records the tags", async () => {
    const output = await assume(user, {
      RoleArn: spoke("Both"),
      SourceIdentity: "alice",
      Tags: [{ Key: "team", Value: "web" }],
      TransitiveTagKeys: ["team"],
    });
    expect(output.SourceIdentity).toBe("alice");
    expect(emu.assumedRoles().at(-1)).toMatchObject({
      sourceIdentity: "alice",
      tags: { team: "web" },
      transitiveTagKeys: ["team"],
    });
  });

  it("refuses tags without sts:TagSession, and tag keys outside aws:TagKeys", async () => {
    await expect(
      assume(user, { RoleArn: spoke("IdentityOnly"), Tags: [{ Key: "team", Value: "web" }] }),
    ).rejects.toMatchObject({
      name: "AccessDenied",
      message: `User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:TagSession on resource: ${spoke("IdentityOnly")}`,
    });
    await expect(
      assume(user, { RoleArn: spoke("TeamOnly"), Tags: [{ Key: "cost", Value: "1" }] }),
    ).rejects.toMatchObject({ name: "AccessDenied" });
    await expect(
      assume(user, { RoleArn: spoke("TeamOnly"), Tags: [{ Key: "team", Value: "web" }] }),
    ).resolves.toBeDefined();
  });

  it("refuses a malformed SourceIdentity as the API does", async () => {
    await expect(
      assume(user, { RoleArn: spoke("Both"), SourceIdentity: "alice smith" }),
    ).rejects.toMatchObject({ name: "ValidationError" });
  });

  it("carries the source identity and transitive tags through a chain, and refuses to change it", async () => {
    const first = await assume(user, {
      RoleArn: spoke("Both"),
      SourceIdentity: "alice",
      Tags: [
        { Key: "team", Value: "web" },
        { Key: "cost", Value: "42" },
      ],
      TransitiveTagKeys: ["team"],
    });
    const chained = await assume(session(first.Credentials), { RoleArn: spoke("Chained") });
    expect(chained.SourceIdentity).toBe("alice");
    expect(emu.assumedRoles().at(-1)).toMatchObject({
      roleArn: spoke("Chained"),
      sourceIdentity: "alice",
      tags: { team: "web" },
      transitiveTagKeys: ["team"],
    });
    await expect(
      assume(session(first.Credentials), { RoleArn: spoke("Chained"), SourceIdentity: "mallory" }),
    ).rejects.toMatchObject({ name: "AccessDenied" });
    // A later role whose trust lacks sts:SetSourceIdentity cannot be assumed by the session at all.
    await expect(
      assume(session(first.Credentials), { RoleArn: spoke("ChainedPlain") }),
    ).rejects.toMatchObject({
      name: "AccessDenied",
      message: expect.stringContaining("sts:SetSourceIdentity"),
    });
  });
});

import {
  AssumeRoleWithSAMLCommand,
  GetCallerIdentityCommand,
  STSClient,
} from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";

const account = "333333333333";
const roleArn = `arn:aws:iam::${account}:role/SamlDeveloper`;

describe("STS AssumeRoleWithSAML in the emulator, through @aws-sdk/client-sts", () => {
  let emu: Emulator;
  let providerArn: string;
  const sts = () =>
    new STSClient({
      region: "us-east-1",
      endpoint: emu.url,
      maxAttempts: 1,
      // AssumeRoleWithSAML is unsigned; the SDK still wants credentials configured.
      credentials: { accessKeyId: "unused", secretAccessKey: "unused" },
    });
  const assume = async (samlAssertion: string, role = roleArn) =>
    sts().send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: role,
        PrincipalArn: providerArn,
        SAMLAssertion: samlAssertion,
      }),
    );
  const refusal = async (samlAssertion: string, role = roleArn) =>
    assume(samlAssertion, role).then(
      () => ({ name: "none", message: "" }),
      (error: Error) => ({ name: error.name, message: error.message }),
    );

  beforeAll(async () => {
    emu = await startEmulator();
    providerArn = await emu.saml.registerProvider(account, "ExampleIdP");
    emu.createRole({ arn: roleArn, trustPrincipals: [providerArn], maxSessionDuration: 7200 });
    emu.createRole({ arn: `arn:aws:iam::${account}:role/Untrusting` });
    emu.saml.setRoles([
      { roleArn, providerArn },
      { roleArn: `arn:aws:iam::${account}:role/Untrusting`, providerArn },
    ]);
  }, 30_000);
  afterAll(async () => {
    await emu.stop();
  });

  it("exchanges a signed assertion for credentials of the role it names", async () => {
    const output = await assume(await emu.saml.assertion());
    expect(output.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${account}:assumed-role/SamlDeveloper/alice@example.com`,
    );
    expect(output.Subject).toBe("alice@example.com");
    const credentials = output.Credentials!;
    const identity = await new STSClient({
      region: "us-east-1",
      endpoint: emu.url,
      credentials: {
        accessKeyId: credentials.AccessKeyId!,
        secretAccessKey: credentials.SecretAccessKey!,
        sessionToken: credentials.SessionToken!,
      },
    }).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(output.AssumedRoleUser?.Arn);
  });

  it("refuses an assertion changed after signing", async () => {
    emu.saml.flawNext("tampered");
    expect(await refusal(await emu.saml.assertion())).toEqual({
      name: "InvalidIdentityTokenException",
      message: "Response signature invalid",
    });
  });

  it("refuses an expired assertion", async () => {
    emu.saml.flawNext("expired");
    expect((await refusal(await emu.saml.assertion())).name).toBe("ExpiredTokenException");
  });

  it("refuses an assertion for another audience", async () => {
    emu.saml.flawNext("wrong-audience");
    const failure = await refusal(await emu.saml.assertion());
    expect(failure.name).toBe("InvalidIdentityTokenException");
    expect(failure.message).toContain("audience");
  });

  it("refuses a role the assertion does not grant, or whose trust does not name the provider", async () => {
    emu.saml.flawNext("no-roles");
    expect((await refusal(await emu.saml.assertion())).name).toBe("AccessDenied");
    expect(
      (await refusal(await emu.saml.assertion(), `arn:aws:iam::${account}:role/Untrusting`)).name,
    ).toBe("AccessDenied");
  });

  it("refuses an assertion signed by a key the SAML provider does not hold", async () => {
    const other = await startEmulator();
    try {
      other.saml.setRoles([{ roleArn, providerArn }]);
      expect(await refusal(await other.saml.assertion())).toEqual({
        name: "InvalidIdentityTokenException",
        message: "Response signature invalid",
      });
    } finally {
      await other.stop();
    }
  }, 30_000);

  it("refuses garbage", async () => {
    expect((await refusal(Buffer.from("not xml").toString("base64"))).name).toBe(
      "InvalidIdentityTokenException",
    );
  });
});

import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startEmulator,
  totp,
  type Emulator,
  type EmulatedUserCredentials,
} from "../../src/emulator/index.js";

type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const iamWith = (emu: Emulator, credentials: Keys) =>
  new IAMClient({ region: "us-east-1", endpoint: emu.url, credentials, maxAttempts: 1 });
const stsWith = (emu: Emulator, credentials: Keys) =>
  new STSClient({ region: "us-east-1", endpoint: emu.url, credentials, maxAttempts: 1 });

describe("IAM access-key calls through @aws-sdk/client-iam (what credo rotate uses)", () => {
  let emu: Emulator;
  let bob: EmulatedUserCredentials;

  beforeAll(async () => {
    emu = await startEmulator();
    bob = emu.createUser({ account: "333333333333", userName: "bob", mfa: true });
  });
  afterAll(() => emu.stop());

  it("GetUser names the caller", async () => {
    const { User } = await iamWith(emu, bob).send(new GetUserCommand({}));
    expect(User).toMatchObject({
      UserName: "bob",
      Arn: "arn:aws:iam::333333333333:user/bob",
      Path: "/",
    });
    expect(emu.calls("iam:GetUser")).toBe(1);
    expect(emu.calls("sts:GetUser")).toBe(0);
  });

  it("rotates a key: create, verify the new one, delete the old one", async () => {
    const created = await iamWith(emu, bob).send(new CreateAccessKeyCommand({}));
    const fresh = {
      accessKeyId: created.AccessKey!.AccessKeyId!,
      secretAccessKey: created.AccessKey!.SecretAccessKey!,
    };
    expect(fresh.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    const listed = await iamWith(emu, fresh).send(new ListAccessKeysCommand({}));
    expect(listed.AccessKeyMetadata?.map((key) => key.AccessKeyId).sort()).toEqual(
      [bob.accessKeyId, fresh.accessKeyId].sort(),
    );
    expect((await stsWith(emu, fresh).send(new GetCallerIdentityCommand({}))).Arn).toBe(bob.arn);

    await expect(iamWith(emu, fresh).send(new CreateAccessKeyCommand({}))).rejects.toMatchObject({
      name: "LimitExceededException",
    });
    await iamWith(emu, fresh).send(new DeleteAccessKeyCommand({ AccessKeyId: bob.accessKeyId }));
    expect(emu.accessKeyIds("333333333333", "bob")).toEqual([fresh.accessKeyId]);
    await expect(stsWith(emu, bob).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "InvalidClientTokenId",
    });
    bob = { ...bob, ...fresh };
  });

  it("deleting an unknown key is NoSuchEntity", async () => {
    await expect(
      iamWith(emu, bob).send(new DeleteAccessKeyCommand({ AccessKeyId: "AKIANOTAKEY000000000" })),
    ).rejects.toMatchObject({
      name: "NoSuchEntityException",
      $metadata: { httpStatusCode: 404 },
    });
  });

  it("GetSessionToken credentials reach IAM only when they carry MFA", async () => {
    const plain = (await stsWith(emu, bob).send(new GetSessionTokenCommand({}))).Credentials!;
    await expect(
      iamWith(emu, {
        accessKeyId: plain.AccessKeyId!,
        secretAccessKey: plain.SecretAccessKey!,
        sessionToken: plain.SessionToken!,
      }).send(new GetUserCommand({})),
    ).rejects.toMatchObject({ name: "AccessDenied" });
    const withMfa = (
      await stsWith(emu, bob).send(
        new GetSessionTokenCommand({
          SerialNumber: bob.mfaSerial,
          TokenCode: totp(bob.mfaSecret!, Date.now()),
        }),
      )
    ).Credentials!;
    const { User } = await iamWith(emu, {
      accessKeyId: withMfa.AccessKeyId!,
      secretAccessKey: withMfa.SecretAccessKey!,
      sessionToken: withMfa.SessionToken!,
    }).send(new GetUserCommand({}));
    expect(User?.UserName).toBe("bob");
  });
});

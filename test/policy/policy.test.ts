import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credoInProcess } from "../support/credo-in-process.js";
import { homeEnv, makeTempHome } from "../support/run-credo.js";

const config = [
  "[profile acme]",
  "credential_process = credo process acme",
  "mfa_serial = arn:aws:iam::111111111111:mfa/alice",
  "",
  "[profile dev]",
  "role_arn = arn:aws:iam::222222222222:role/DEVELOPER",
  "source_profile = acme",
  "external_id = acme-dev",
  "",
  "[profile prod]",
  "role_arn = arn:aws:iam::333333333333:role/DEVELOPER",
  "source_profile = acme",
  "",
  "[profile prod-again]",
  "role_arn = arn:aws:iam::333333333333:role/DEVELOPER",
  "source_profile = acme",
  "region = us-west-2",
  "",
  "[profile deeper]",
  "role_arn = arn:aws:iam::444444444444:role/Audit",
  "source_profile = dev",
  "",
  "[profile keys]",
  "role_arn = arn:aws:iam::555555555555:role/NotOverAHub",
  "source_profile = static",
  "",
  "[profile static]",
  "aws_access_key_id = AKIASTATIC",
  "aws_secret_access_key = staticstaticstatic",
  "",
].join("\n");

let home: string;
let cleanup: () => Promise<void>;
let emptyHome: Awaited<ReturnType<typeof makeTempHome>>;

beforeAll(async () => {
  ({ home, cleanup } = await makeTempHome());
  await mkdir(join(home, ".aws"));
  await writeFile(join(home, ".aws/config"), config);
  emptyHome = await makeTempHome();
});
afterAll(async () => {
  await cleanup();
  await emptyHome.cleanup();
});

async function policy(args: string[], on = home) {
  const run = await credoInProcess(["policy", ...args], { env: homeEnv(on) });
  return { ...run, json: run.code === 0 ? (JSON.parse(run.stdout) as unknown) : undefined };
}

const mfaCondition = { Bool: { "aws:MultiFactorAuthPresent": "true" } };

describe("credo policy hub", () => {
  it("allows sts:AssumeRole on exactly the roles assumed straight from the hub in the config", async () => {
    const { code, json } = await policy(["hub"]);
    expect(code).toBe(0);
    expect(json).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AssumeSpokeRoles",
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Resource: [
            "arn:aws:iam::222222222222:role/DEVELOPER",
            "arn:aws:iam::333333333333:role/DEVELOPER",
          ],
        },
      ],
    });
  });

  it("takes the roles from --role-arn, and refuses one that is not a role ARN", async () => {
    const given = await policy(
      [
        "hub",
        "--role-arn",
        "arn:aws:iam::999999999999:role/X",
        "--role-arn",
        "arn:aws-cn:iam::888888888888:role/path/Y",
      ],
      emptyHome.home,
    );
    expect(
      (given.json as { Statement: Array<{ Resource: string[] }> }).Statement[0]?.Resource,
    ).toEqual(["arn:aws-cn:iam::888888888888:role/path/Y", "arn:aws:iam::999999999999:role/X"]);
    const bad = await policy(["hub", "--role-arn", "arn:aws:iam::99:user/bob"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"arn:aws:iam::99:user/bob" is not an IAM role ARN.');
  });

  it("says what to do when neither the config nor the options name a role", async () => {
    const run = await policy(["hub"], emptyHome.home);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("--role-arn");
  });
});

describe("credo policy trust", () => {
  it("requires MFA from the hub account, with each role's external id; keyed by role ARN when they differ", async () => {
    const { code, json } = await policy(["trust"]);
    expect(code).toBe(0);
    const statement = (externalId?: string) => ({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "TrustHubAccountWithMfa",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111111111111:root" },
          Action: "sts:AssumeRole",
          Condition:
            externalId === undefined
              ? mfaCondition
              : { ...mfaCondition, StringEquals: { "sts:ExternalId": externalId } },
        },
      ],
    });
    expect(json).toEqual({
      "arn:aws:iam::222222222222:role/DEVELOPER": statement("acme-dev"),
      "arn:aws:iam::333333333333:role/DEVELOPER": statement(),
    });
  });

  it("prints one document, ready for the console, when the roles share it", async () => {
    const { json } = await policy(["trust", "--external-id", "shared-id"]);
    expect(json).toMatchObject({
      Statement: [
        {
          Principal: { AWS: "arn:aws:iam::111111111111:root" },
          Condition: { ...mfaCondition, StringEquals: { "sts:ExternalId": "shared-id" } },
        },
      ],
    });
  });

  it("uses the given hub account and the role's partition; refuses bad ids", async () => {
    const { json } = await policy(
      [
        "trust",
        "--hub-account",
        "123456789012",
        "--role-arn",
        "arn:aws-us-gov:iam::222222222222:role/R",
      ],
      emptyHome.home,
    );
    expect(json).toMatchObject({
      Statement: [
        { Principal: { AWS: "arn:aws-us-gov:iam::123456789012:root" }, Condition: mfaCondition },
      ],
    });
    expect(
      (json as { Statement: Array<{ Condition: object }> }).Statement[0]?.Condition,
    ).not.toHaveProperty("StringEquals");
    expect((await policy(["trust", "--hub-account", "12345"])).code).toBe(2);
    expect((await policy(["trust", "--external-id", "x"])).code).toBe(2);
    const unknownHub = await policy(
      ["trust", "--role-arn", "arn:aws:iam::222222222222:role/R"],
      emptyHome.home,
    );
    expect(unknownHub.code).toBe(2);
    expect(unknownHub.stderr).toContain("--hub-account");
  });
});

describe("credo policy spoke", () => {
  it("prints seed 003's sample permissions policy as valid JSON", async () => {
    const { code, json } = await policy(["spoke"]);
    expect(code).toBe(0);
    expect(json).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DeveloperAccess",
          Effect: "Allow",
          Action: [
            "sns:*",
            "apigateway:*",
            "s3:*",
            "lambda:*",
            "dynamodb:*",
            "cloudformation:*",
            "sqs:*",
          ],
          Resource: "*",
        },
      ],
    });
  });
});

describe("policies for attribution (source_identity, session_tags)", () => {
  const attributed = [
    "[profile acme]",
    "credential_process = credo process acme",
    "mfa_serial = arn:aws:iam::111111111111:mfa/alice",
    "",
    "[profile dev]",
    "role_arn = arn:aws:iam::222222222222:role/DEVELOPER",
    "source_profile = acme",
    "source_identity = {hub_user}",
    "session_tags = team=web,project=shop",
    "transitive_session_tags = team",
    "",
    "[profile dev-ops]",
    "role_arn = arn:aws:iam::222222222222:role/DEVELOPER",
    "source_profile = acme",
    "session_tags = oncall=yes",
    "",
  ].join("\n");
  let attributedHome: Awaited<ReturnType<typeof makeTempHome>>;
  beforeAll(async () => {
    attributedHome = await makeTempHome();
    await mkdir(join(attributedHome.home, ".aws"));
    await writeFile(join(attributedHome.home, ".aws/config"), attributed);
  });
  afterAll(async () => {
    await attributedHome.cleanup();
  });

  it("trust allows sts:SetSourceIdentity, and sts:TagSession for the profiles' tag keys only", async () => {
    const { code, json } = await policy(["trust"], attributedHome.home);
    expect(code).toBe(0);
    const principal = { AWS: "arn:aws:iam::111111111111:root" };
    expect(json).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "TrustHubAccountWithMfa",
          Effect: "Allow",
          Principal: principal,
          Action: ["sts:AssumeRole", "sts:SetSourceIdentity"],
          Condition: mfaCondition,
        },
        {
          Sid: "AllowSessionTags",
          Effect: "Allow",
          Principal: principal,
          Action: "sts:TagSession",
          Condition: {
            ...mfaCondition,
            "ForAllValues:StringEquals": { "aws:TagKeys": ["oncall", "project", "team"] },
          },
        },
      ],
    });
  });

  it("spoke denies sessions without aws:SourceIdentity when the roles set one (or when asked)", async () => {
    const denial = {
      Sid: "DenyWithoutSourceIdentity",
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { Null: { "aws:SourceIdentity": "true" } },
    };
    const { json } = await policy(["spoke"], attributedHome.home);
    expect((json as { Statement: unknown[] }).Statement).toContainEqual(denial);
    const asked = await policy(["spoke", "--require-source-identity"]);
    expect((asked.json as { Statement: unknown[] }).Statement).toContainEqual(denial);
  });
});

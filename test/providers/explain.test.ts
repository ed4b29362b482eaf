import { describe, expect, it } from "vitest";
import { explainResolution } from "../../src/providers/explain.js";
import { resolveInputsFor } from "./resolve-fixture.js";

const config = [
  "[profile acme]",
  "credential_process = credo process acme",
  "mfa_serial = arn:aws:iam::111111111111:mfa/alice",
  "region = eu-west-1",
  "[profile prod]",
  "role_arn = arn:aws:iam::222222222222:role/Admin",
  "source_profile = acme",
  "mfa_serial = arn:aws:iam::111111111111:mfa/alice",
  "external_id = x",
  "[profile both]",
  "role_arn = arn:aws:iam::222222222222:role/Admin",
  "source_profile = both",
  "aws_access_key_id = AKIAEXAMPLEKEY12",
  "aws_secret_access_key = secret",
  "[profile loop-a]",
  "role_arn = arn:aws:iam::1:role/A",
  "source_profile = loop-b",
  "[profile loop-b]",
  "role_arn = arn:aws:iam::1:role/B",
  "source_profile = loop-a",
  "",
].join("\n");

async function explain(env: Record<string, string>, profileOption?: string) {
  const inputs = await resolveInputsFor({ ...env, AWS_EC2_METADATA_DISABLED: "" }, { config });
  return explainResolution({
    env: inputs.env,
    profileSet: inputs.profileSet,
    locations: { configFile: "/home/.aws/config", credentialsFile: "/home/.aws/credentials" },
    ...(profileOption === undefined ? {} : { profileOption }),
  });
}

describe("explainResolution", () => {
  it("describes a role chain on a credo hub, with the region and no secrets", async () => {
    const explanation = await explain({ AWS_PROFILE: "prod" });
    expect(explanation).toMatchObject({
      profile: "prod",
      profileFrom: "AWS_PROFILE",
      source: "assume-role",
      chain: ["prod", "acme"],
      region: undefined,
      filesRead: ["/home/.aws/config", "/home/.aws/credentials"],
    });
    expect(explanation.links.map((link) => link.kind)).toEqual(["credo hub", "assume role"]);
    expect(explanation.links[1]?.detail).toContain("MFA arn:aws:iam::111111111111:mfa/alice");
    expect(explanation.shadowed.map((s) => s.source)).toEqual(["iam-role"]);
  });

  it("says explicit env keys beat AWS_PROFILE, and that the profile is shadowed", async () => {
    const explanation = await explain({
      AWS_PROFILE: "acme",
      AWS_ACCESS_KEY_ID: "AKIAENV",
      AWS_SECRET_ACCESS_KEY: "s",
    });
    expect(explanation.source).toBe("env");
    expect(explanation.shadowed.map((s) => s.source)).toEqual(["custom-process", "iam-role"]);
    expect(explanation.region).toBe("eu-west-1");
    expect(explanation.regionFrom).toBe("profile");
  });

  it("lets --profile beat env keys, as botocore does", async () => {
    const explanation = await explain(
      { AWS_ACCESS_KEY_ID: "AKIAENV", AWS_SECRET_ACCESS_KEY: "s", AWS_REGION: "us-east-2" },
      "acme",
    );
    expect(explanation).toMatchObject({
      source: "custom-process",
      profileFrom: "option",
      region: "us-east-2",
      regionFrom: "AWS_REGION",
    });
    expect(explanation.sourceDetail).toContain('credo\'s vault-backed hub "acme"');
  });

  it("reports a profile that is both a role and static keys, keys shadowed, key id masked", async () => {
    const explanation = await explain({}, "both");
    expect(explanation.source).toBe("assume-role");
    expect(explanation.shadowed.map((s) => s.source)).toContain("config-file");
    expect(JSON.stringify(explanation)).not.toContain("AKIAEXAMPLEKEY12");
    expect(JSON.stringify(explanation)).not.toContain("secret");
  });

  it("names the whole cycle", async () => {
    const explanation = await explain({}, "loop-a");
    expect(explanation.problem?.message).toContain("loop-a -> loop-b -> loop-a");
  });

  it("lists the environment variables read without their values", async () => {
    const explanation = await explain({
      AWS_SECRET_ACCESS_KEY: "very-secret",
      AWS_ACCESS_KEY_ID: "AKIAENV",
    });
    expect(explanation.envRead).toContainEqual({ name: "AWS_SECRET_ACCESS_KEY", set: true });
    expect(JSON.stringify(explanation)).not.toContain("very-secret");
  });
});

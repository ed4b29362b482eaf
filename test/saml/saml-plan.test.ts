import { describe, expect, it } from "vitest";
import { ProfileDocument, profileSetOf } from "../../src/profile-files/index.js";
import { applicableProfileSources, planChain } from "../../src/providers/plan-chain.js";

const config = `
[profile corp]
credential_process = /opt/credo/bin/credo.js process corp
credo_saml_url = https://idp.example.com/app/aws
credo_saml_role_arn = arn:aws:iam::123456789012:role/Dev
credo_saml_duration = 7200
credo_managed = saml

[profile admin]
role_arn = arn:aws:iam::210987654321:role/Admin
source_profile = corp

[profile broken]
credential_process = /opt/credo/bin/credo.js process broken
credo_saml_url = https://idp.example.com/app/aws
credo_saml_duration = an hour
`;

const profiles = profileSetOf(ProfileDocument.parse(config, "config"));

describe("a SAML profile in the chain", () => {
  it("plans the SAML sign-in, not its credential_process (which calls credo for the other tools)", () => {
    const plan = planChain(profiles, "corp");
    expect(plan.source).toBe("custom-process");
    expect(plan.base).toEqual({
      kind: "Saml",
      profile: "corp",
      settings: {
        profile: "corp",
        url: "https://idp.example.com/app/aws",
        roleArn: "arn:aws:iam::123456789012:role/Dev",
        durationSeconds: 7200,
        browserProfile: "corp",
      },
    });
  });

  it("counts once for explain: its credential_process is not a second, shadowed source", () => {
    expect(applicableProfileSources(profiles, "corp")).toEqual(["custom-process"]);
  });

  it("is a source_profile for role profiles", () => {
    const plan = planChain(profiles, "admin");
    expect(plan.base.kind).toBe("Saml");
    expect(plan.roles.map((step) => step.roleArn)).toEqual([
      "arn:aws:iam::210987654321:role/Admin",
    ]);
    expect(plan.profiles).toEqual(["admin", "corp"]);
  });

  it("a duration that is not a number is a configuration error", () => {
    expect(() => planChain(profiles, "broken")).toThrow(
      'The profile "broken" has credo_saml_duration = an hour, which is not a number of seconds.',
    );
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ProfileSet, Properties } from "../../src/profile-files/types.js";
import type { BaseSource, ChainPlan } from "../../src/providers/plan-chain.js";
import { planChain } from "../../src/providers/plan-chain.js";
import { vectorsRoot } from "./vectors-root.js";

interface Case {
  docs: string;
  input: {
    profiles: Record<string, Properties>;
    sso_sessions?: Record<string, Properties>;
    selected_profile: string;
  };
  output: { ProfileChain: unknown[] } | { Error: string };
}

const cases = JSON.parse(
  readFileSync(join(vectorsRoot, "assume-role-profile-chain/assume-role-tests.json"), "utf8"),
) as Case[];

/** The Rust SDK's error wording, mapped to credo's own messages. */
const errorWording: Record<string, RegExp> = {
  "profile must contain `source_profile`": /must contain source_profile or credential_source/,
  "profile contained both source_profile and credential_source":
    /contains both source_profile and credential_source/,
  "profile missing aws_secret_access_key": /missing aws_secret_access_key/,
  "profile missing aws_access_key_id": /missing aws_access_key_id/,
  "profile `B` did not contain credential information":
    /"B" .*did not contain credential information/,
  "profile `A` did not contain credential information":
    /"A" did not contain credential information/,
  "could not find source profile B referenced from A":
    /Could not find source profile "B" referenced from "A"/,
  "No profiles were defined": /No profiles were defined/,
  "profile formed an infinite loop": /infinite loop: A -> B -> A/,
  "`role_arn` was missing": /role_arn was missing/,
  "if `sso_role_name` is set, then `sso_account_id` must also be set":
    /if sso_role_name is set, then sso_account_id must also be set/,
  "if `sso_account_id` is set, then `sso_role_name` must also be set":
    /if sso_account_id is set, then sso_role_name must also be set/,
  "`sso_region` can only be specified in the [sso-session] config when a session name is given":
    /sso_region can only be specified in the \[sso-session A\] config/,
  "sso-session named `oops` (referenced by profile `A`) was not found":
    /sso-session named "oops" \(referenced by profile "A"\) was not found/,
};

function profileSetOf(input: Case["input"]): ProfileSet {
  return {
    profiles: input.profiles,
    configFileProfiles: input.profiles,
    credentialsFileProfiles: {},
    ssoSessions: input.sso_sessions ?? {},
    services: {},
  };
}

/** credo's plan in the suite's JSON shape (smithy-rs ProfileChain). */
function asSuiteChain(plan: ChainPlan): unknown[] {
  return [
    asSuiteBase(plan.base),
    ...plan.roles.map((role) => ({
      AssumeRole: {
        role_arn: role.roleArn,
        ...(role.externalId === undefined ? {} : { external_id: role.externalId }),
        ...(role.roleSessionName === undefined ? {} : { role_session_name: role.roleSessionName }),
      },
    })),
  ];
}

function asSuiteBase(base: BaseSource): unknown {
  switch (base.kind) {
    case "AccessKey":
      return {
        AccessKey: {
          access_key_id: base.accessKeyId,
          secret_access_key: base.secretAccessKey,
          ...(base.sessionToken === undefined ? {} : { session_token: base.sessionToken }),
          ...(base.accountId === undefined ? {} : { account_id: base.accountId }),
        },
      };
    case "NamedSource":
      return { NamedSource: base.name };
    case "WebIdentityToken":
      return {
        WebIdentityToken: {
          role_arn: base.roleArn,
          web_identity_token_file: base.webIdentityTokenFile,
          ...(base.roleSessionName === undefined
            ? {}
            : { role_session_name: base.roleSessionName }),
        },
      };
    case "Sso":
      return {
        Sso:
          base.sessionName === undefined
            ? {
                sso_account_id: base.accountId,
                sso_region: base.region,
                sso_role_name: base.roleName,
                sso_start_url: base.startUrl,
              }
            : {
                sso_session: base.sessionName,
                sso_region: base.region,
                sso_start_url: base.startUrl,
              },
      };
    default:
      return base;
  }
}

describe("conformance: assume-role-profile-chain", () => {
  it("has every case of the suite", () => {
    expect(cases).toHaveLength(28);
  });

  it.each(cases.map((c, index) => [`${index}: ${c.docs}`, c] as const))("%s", (_name, testCase) => {
    const plan = () => planChain(profileSetOf(testCase.input), testCase.input.selected_profile);
    if ("Error" in testCase.output) {
      const wording = errorWording[testCase.output.Error];
      expect(wording, `no wording mapped for ${testCase.output.Error}`).toBeDefined();
      expect(plan).toThrow(wording as RegExp);
    } else {
      expect(asSuiteChain(plan())).toEqual(testCase.output.ProfileChain);
    }
  });
});

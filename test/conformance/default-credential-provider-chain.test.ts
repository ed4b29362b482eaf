import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { vectorsRoot } from "./vectors-root.js";
import { expectChainCase } from "./chain-case.js";

/**
 * The Rust SDK's error wording for each failing case, mapped to credo's.
 * "the credential provider was not enabled" is smithy-rs's way of saying no
 * link of the chain had anything configured.
 */
const errorWording: Record<string, RegExp> = {
  eks_pod_identity_no_token_file:
    /AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \/token\.jwt could not be read: no such file or directory/,
  imds_default_chain_error: /no credential provider was enabled/,
  imds_disabled: /no credential provider was enabled/,
  imds_no_iam_role:
    /credential_source = Ec2InstanceMetadata, but the instance metadata service has no IAM role/,
  imds_token_fail: /request forbidden, IMDS is disabled/,
  profile_overrides_web_identity:
    /credential_source = Environment, but AWS_ACCESS_KEY_ID is not set \(the provider was not enabled\)/,
  sso_no_token_file:
    /failed to read \/home\/\.aws\/sso\/cache\/dace00cba5f8355ec9d274ceb2bcebdfbeed0e12\.json/,
  sso_server_error: /SSO GetRoleCredentials \(account 123456789, role MySsoRole\) failed/,
  web_identity_source_profile_no_env: /web_identity_token_file but role_arn was missing/,
  web_identity_token_invalid_jwt:
    /InvalidIdentityToken(Exception)?: No OpenIDConnect provider found in your account/,
};

for (const suite of [
  "default-credential-provider-chain",
  "default-credential-provider-chain-kotlin-extras",
]) {
  const suiteDir = join(vectorsRoot, suite);
  const caseNames = readdirSync(suiteDir).filter((name) => !name.endsWith(".md"));

  describe(`conformance: ${suite}`, () => {
    it.each(caseNames)("%s", async (caseName) => {
      await expectChainCase(join(suiteDir, caseName), "default-chain", errorWording);
    });
  });
}

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { vectorsRoot } from "./vectors-root.js";
import { expectChainCase } from "./chain-case.js";

const suiteDir = join(vectorsRoot, "profile-provider");

/**
 * Cases that cannot apply to credo, with the reason. smithy-rs runs
 * credential_process through `sh -c`; credo runs it without a shell, split
 * like botocore (shlex), so `echo <base64> | base64 --decode` prints the pipe
 * as text. test/providers/process-credentials.test.ts covers the same
 * outcomes (Expiration, AccountId, aws_account_id fallback) with a real helper.
 */
const notApplicable: Record<string, string> = {
  credential_process:
    "needs a shell pipe (`echo ... | base64 --decode`); credo, like botocore, uses no shell",
  credential_process_account_id_fallback:
    "needs a shell pipe (`echo ... | base64 --decode`); credo, like botocore, uses no shell",
};

const errorWording: Record<string, RegExp> = {
  // Without a shell, `exit` is not a program: the process cannot start (botocore: FileNotFoundError).
  credential_process_failure:
    /credential_process of profile "default" (exited with code 1|could not be started)/,
  credential_process_invalid: /credential_process of profile "default" printed invalid JSON/,
  empty_config: /No profiles were defined/,
  invalid_config: /Cannot read \/home\/\.aws\/config, line 2/,
  invalid_sso_credentials_config:
    /selected profile will resolve an access token instead of credentials/,
  sso_token: /selected profile will resolve an access token instead of credentials/,
};

const caseNames = readdirSync(suiteDir).filter((name) => !name.endsWith(".md"));

describe("conformance: profile-provider", () => {
  it.each(caseNames.filter((name) => notApplicable[name] === undefined))("%s", async (caseName) => {
    await expectChainCase(join(suiteDir, caseName), "profile-only", errorWording);
  });

  it.skip.each(Object.entries(notApplicable))("not applicable to credo: %s (%s)", () => undefined);
});

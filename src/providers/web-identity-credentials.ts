import { assumeRoleWithWebIdentity } from "../aws/sts.js";
import { CredoError } from "../errors.js";
import type { ChainContext } from "./chain-context.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { BaseSource } from "./plan-chain.js";
import { defaultRoleSessionName } from "./role-session-name.js";

type WebIdentitySource = Extract<BaseSource, { kind: "WebIdentityToken" }>;

/** AssumeRoleWithWebIdentity with the token read from its file on each fetch (EKS rotates it). */
export async function webIdentityCredentials(
  source: WebIdentitySource,
  context: ChainContext,
): Promise<AwsCredentials> {
  const keyParts = {
    kind: "AssumeRoleWithWebIdentity",
    profile: source.profile ?? null,
    roleArn: source.roleArn,
    roleSessionName: source.roleSessionName ?? null,
    tokenFile: source.webIdentityTokenFile,
    region: context.sts.region,
    endpoint: context.sts.endpoint ?? null,
  };
  const { credentials } = await context.cache.getOrFetch(keyParts, async () => {
    const token = await context.files.readText(source.webIdentityTokenFile);
    if (token === undefined) {
      throw new CredoError(
        `The web identity token file ${source.webIdentityTokenFile} could not be read: no such file or directory.`,
        {
          exitCode: "config",
          hint: "Check web_identity_token_file / AWS_WEB_IDENTITY_TOKEN_FILE.",
        },
      );
    }
    return assumeRoleWithWebIdentity(context.sts, {
      roleArn: source.roleArn,
      roleSessionName: source.roleSessionName ?? defaultRoleSessionName(context.clock.now()),
      webIdentityToken: token.trim(),
    });
  });
  return credentials;
}

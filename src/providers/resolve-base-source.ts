import { CredoError } from "../errors.js";
import type { ChainContext } from "./chain-context.js";
import { containerCredentials } from "./container-credentials.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import { envCredentials } from "./env-credentials.js";
import { instanceMetadataCredentials } from "./instance-metadata-credentials.js";
import { loginCredentials } from "./login-credentials.js";
import { isNotConfigured } from "./not-configured-error.js";
import type { BaseSource, NamedSourceName } from "./plan-chain.js";
import { processCredentials } from "./process-credentials.js";
import { samlCredentials } from "./saml-credentials.js";
import { ssoCredentials } from "./sso-credentials.js";
import { webIdentityCredentials } from "./web-identity-credentials.js";

/** The first credentials of a planned chain, one resolver per kind of base source. */
export async function resolveBaseSource(
  base: BaseSource,
  context: ChainContext,
): Promise<AwsCredentials> {
  switch (base.kind) {
    case "AccessKey": {
      const { accessKeyId, secretAccessKey, sessionToken, accountId } = base;
      return {
        accessKeyId,
        secretAccessKey,
        ...(sessionToken === undefined ? {} : { sessionToken }),
        ...(accountId === undefined ? {} : { accountId }),
      };
    }
    case "NamedSource":
      return namedSourceCredentials(base.name, base.profile, context);
    case "WebIdentityToken":
      return webIdentityCredentials(base, context);
    case "Sso":
      return ssoCredentials(base, context);
    case "Login":
      return loginCredentials(base, context);
    case "Process":
      return processCredentials({
        profile: base.profile,
        command: base.command,
        ...(base.accountId === undefined ? {} : { accountId: base.accountId }),
        env: context.env,
        now: context.clock.now(),
        runProcess: context.runProcess,
        platform: context.platform,
      });
    case "Saml":
      return samlCredentials(base, context);
    case "Hub":
      context.logger.debug(
        `profile ${base.profile} is credo hub "${base.hubName}": resolving in-process`,
      );
      return context.hubCredentials(base.hubName);
  }
}

/**
 * credential_source: the named provider must deliver, so "not configured"
 * becomes an error here (the profile asked for that source explicitly).
 */
async function namedSourceCredentials(
  name: NamedSourceName,
  profile: string,
  context: ChainContext,
): Promise<AwsCredentials> {
  try {
    if (name === "Environment") {
      const credentials = envCredentials(context.env);
      if (credentials === undefined) {
        throw new CredoError(
          `Profile "${profile}" has credential_source = Environment, but AWS_ACCESS_KEY_ID is not set (the provider was not enabled).`,
          {
            exitCode: "config",
            hint: "Export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use source_profile.",
          },
        );
      }
      return credentials;
    }
    if (name === "EcsContainer")
      return await containerCredentials(context.env, context.files, context.transport);
    return await instanceMetadataCredentials(context.env, context.profile, context.transport);
  } catch (error) {
    if (!isNotConfigured(error)) throw error;
    throw new CredoError(
      `Profile "${profile}" has credential_source = ${name}, but ${error.message.replace(/^./, (c) => c.toLowerCase())}`,
      {
        exitCode: "config",
        hint: "That source only works on AWS compute; use source_profile on a developer machine.",
      },
    );
  }
}

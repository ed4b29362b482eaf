import { assumeRole } from "../aws/sts.js";
import type { ChainContext } from "./chain-context.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { AssumeRoleStep, BaseSource } from "./plan-chain.js";
import { describeAttribution } from "./role-attribution.js";
import { defaultRoleSessionName } from "./role-session-name.js";
import { assumeRoleKeyParts } from "./session-key-parts.js";
import { resolveSourceIdentity } from "./source-identity.js";

/**
 * One AssumeRole link, through the session cache: the key holds everything
 * that changes the result (never a secret), and the MFA code is asked for
 * only when the cache has to call STS. `base` is the chain's first source:
 * `source_identity = {hub_user}` names its hub's IAM user.
 */
export async function assumeRoleCredentials(
  step: AssumeRoleStep,
  source: AwsCredentials,
  chain: readonly string[],
  context: ChainContext,
  base: BaseSource,
): Promise<AwsCredentials> {
  const sourceIdentity = await resolveSourceIdentity(step, base, context.hubUserName);
  const keyParts = assumeRoleKeyParts(step, chain, context.sts, source.accessKeyId, sourceIdentity);
  const { credentials, fromCache } = await context.cache.getOrFetch(keyParts, async () => {
    const tokenCode =
      step.mfaSerial === undefined
        ? undefined
        : await context.mfa({
            serial: step.mfaSerial,
            profile: step.profile,
            ...(step.mfaProcess === undefined ? {} : { mfaProcess: step.mfaProcess }),
            ...(step.mfaPrompt === undefined ? {} : { mfaPrompt: step.mfaPrompt }),
          });
    const attribution = describeAttribution({ ...step, sourceIdentity });
    context.logger.debug(
      `calling STS AssumeRole ${step.roleArn} for profile ${step.profile}${attribution === undefined ? "" : ` (${attribution})`}`,
    );
    return assumeRole(context.sts, source, {
      roleArn: step.roleArn,
      roleSessionName: step.roleSessionName ?? defaultRoleSessionName(context.clock.now()),
      ...(step.externalId === undefined ? {} : { externalId: step.externalId }),
      ...(step.mfaSerial === undefined ? {} : { serialNumber: step.mfaSerial }),
      ...(tokenCode === undefined ? {} : { tokenCode }),
      ...(step.durationSeconds === undefined ? {} : { durationSeconds: step.durationSeconds }),
      ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
      ...(step.sessionTags === undefined ? {} : { tags: step.sessionTags }),
      ...(step.transitiveTagKeys === undefined
        ? {}
        : { transitiveTagKeys: step.transitiveTagKeys }),
    });
  });
  context.logger.debug(`role ${step.roleArn}: ${fromCache ? "cache hit" : "fetched"}`);
  return credentials;
}

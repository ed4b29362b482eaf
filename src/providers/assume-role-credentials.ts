import { assumeRole } from "../aws/sts.js";
import type { ChainContext } from "./chain-context.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { AssumeRoleStep } from "./plan-chain.js";
import { defaultRoleSessionName } from "./role-session-name.js";
import { assumeRoleKeyParts } from "./session-key-parts.js";

/**
 * One AssumeRole link, through the session cache: the key holds everything
 * that changes the result (never a secret), and the MFA code is asked for
 * only when the cache has to call STS.
 */
export async function assumeRoleCredentials(
  step: AssumeRoleStep,
  source: AwsCredentials,
  chain: readonly string[],
  context: ChainContext,
): Promise<AwsCredentials> {
  const keyParts = assumeRoleKeyParts(step, chain, context.sts, source.accessKeyId);
  const { credentials, fromCache } = await context.cache.getOrFetch(keyParts, async () => {
    const tokenCode =
      step.mfaSerial === undefined
        ? undefined
        : await context.mfa({
            serial: step.mfaSerial,
            profile: step.profile,
            ...(step.mfaProcess === undefined ? {} : { mfaProcess: step.mfaProcess }),
          });
    context.logger.debug(`calling STS AssumeRole ${step.roleArn} for profile ${step.profile}`);
    return assumeRole(context.sts, source, {
      roleArn: step.roleArn,
      roleSessionName: step.roleSessionName ?? defaultRoleSessionName(context.clock.now()),
      ...(step.externalId === undefined ? {} : { externalId: step.externalId }),
      ...(step.mfaSerial === undefined ? {} : { serialNumber: step.mfaSerial }),
      ...(tokenCode === undefined ? {} : { tokenCode }),
      ...(step.durationSeconds === undefined ? {} : { durationSeconds: step.durationSeconds }),
    });
  });
  context.logger.debug(`role ${step.roleArn}: ${fromCache ? "cache hit" : "fetched"}`);
  return credentials;
}

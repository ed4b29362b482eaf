import type { AwsCallContext } from "../aws/aws-call-context.js";
import { getCallerIdentity } from "../aws/sts.js";
import { ConfigError } from "../errors.js";
import type { Logger } from "../io/logger.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";

export interface HubUserNameDeps {
  /** The name recorded in CREDO_HOME/hubs.json beside the hub's key id, and that key id. */
  recorded(hub: string): Promise<{ accessKeyId?: string; userName?: string }>;
  record(hub: string, accessKeyId: string, userName: string): Promise<void>;
  hubCredentials(hub: string): Promise<AwsCredentials>;
  stsFor(hub: string): AwsCallContext;
  logger: Logger;
}

/**
 * The IAM user name behind a hub, for `source_identity = {hub_user}`: read
 * from CREDO_HOME/hubs.json, else from GetCallerIdentity with the hub's MFA
 * session (the ARN arn:aws:iam::ACCOUNT:user/PATH/NAME) and recorded there,
 * so later calls (and the `credo process` fast path) need no STS call.
 */
export function hubUserNameSource(deps: HubUserNameDeps): (hub: string) => Promise<string> {
  return async (hub) => {
    const recorded = await deps.recorded(hub);
    if (recorded.userName !== undefined) return recorded.userName;
    const credentials = await deps.hubCredentials(hub);
    deps.logger.debug(`calling STS GetCallerIdentity for the IAM user name of hub ${hub}`);
    const { arn } = await getCallerIdentity(deps.stsFor(hub), credentials);
    const userName = iamUserName(arn);
    if (userName === undefined) {
      throw new ConfigError(
        `source_identity = {hub_user}: hub "${hub}" is not an IAM user (it is ${arn}).`,
        "Write the source identity itself in the role profile: source_identity = alice",
      );
    }
    if (recorded.accessKeyId !== undefined) await deps.record(hub, recorded.accessKeyId, userName);
    return userName;
  };
}

/** The last part of an IAM user's ARN (users may have a path); undefined for any other principal. */
export function iamUserName(arn: string): string | undefined {
  const resource = arn.split(":").slice(5).join(":");
  if (!arn.startsWith("arn:") || !resource.startsWith("user/")) return undefined;
  const name = resource.split("/").pop();
  return name === undefined || name === "" ? undefined : name;
}

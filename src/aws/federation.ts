import type { AwsCredentials } from "./aws-credentials.js";
import type { AwsCallContext } from "./aws-call-context.js";
import { clientConfig } from "./aws-call-context.js";
import { awsCallError } from "./aws-error.js";
import { credentialsFrom } from "./sts.js";

/**
 * The session policy credo passes to GetFederationToken. A federated user with
 * no policy may do nothing at all; AWS intersects this one with the IAM user's
 * own policies, so the console session can do exactly what the user may.
 */
export const allowEverythingPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});

export interface FederationTokenParams {
  /** The federated user's name: 2 to 32 characters of [\w+=,.@-]. */
  name: string;
  policy: string;
  durationSeconds?: number;
}

/**
 * GetFederationToken with an IAM user's long-term keys: the only temporary
 * session such a user can get that the console federation endpoint accepts
 * (it refuses GetSessionToken sessions).
 */
export async function getFederationToken(
  context: AwsCallContext,
  credentials: AwsCredentials,
  params: FederationTokenParams,
): Promise<AwsCredentials> {
  const sts = await import("@aws-sdk/client-sts");
  const client = new sts.STSClient(await clientConfig(context, credentials));
  const action = `GetFederationToken ${params.name}`;
  try {
    const output = await client.send(
      new sts.GetFederationTokenCommand({
        Name: params.name,
        Policy: params.policy,
        DurationSeconds: params.durationSeconds,
      }),
    );
    return credentialsFrom(output.Credentials, output.FederatedUser?.Arn, action);
  } catch (error) {
    throw awsCallError(error, action);
  } finally {
    client.destroy();
  }
}

/** A federated user's name from a profile name: the allowed characters only, 2 to 32 of them. */
export function federatedUserName(profile: string): string {
  const cleaned = profile.replace(/[^\w+=,.@-]/g, "-").slice(0, 32);
  return cleaned.length >= 2 ? cleaned : `credo-${cleaned}`;
}

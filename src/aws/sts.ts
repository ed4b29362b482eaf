import type { AwsCredentials } from "./aws-credentials.js";
import type { AwsCallContext } from "./aws-call-context.js";
import { clientConfig } from "./aws-call-context.js";
import { awsCallError } from "./aws-error.js";

export interface AssumeRoleParams {
  roleArn: string;
  roleSessionName: string;
  externalId?: string;
  serialNumber?: string;
  tokenCode?: string;
  durationSeconds?: number;
  /** Recorded by CloudTrail and carried through a role chain; the role's trust must allow sts:SetSourceIdentity. */
  sourceIdentity?: string;
  /** Session tags; the role's trust must allow sts:TagSession. */
  tags?: readonly SessionTag[];
  transitiveTagKeys?: readonly string[];
}

export interface SessionTag {
  key: string;
  value: string;
}

export interface WebIdentityParams {
  roleArn: string;
  roleSessionName: string;
  webIdentityToken: string;
}

export interface SamlParams {
  roleArn: string;
  principalArn: string;
  /** The base64 SAMLResponse as the identity provider posted it. */
  samlAssertion: string;
  durationSeconds?: number;
}

export interface SessionTokenParams {
  serialNumber?: string;
  tokenCode?: string;
  durationSeconds?: number;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export interface StsCredentialsShape {
  AccessKeyId?: string | undefined;
  SecretAccessKey?: string | undefined;
  SessionToken?: string | undefined;
  Expiration?: Date | undefined;
}

/** The STS client module, loaded only right before a call (commands without network never pay for it). */
async function stsClient(context: AwsCallContext, credentials?: AwsCredentials) {
  const sts = await import("@aws-sdk/client-sts");
  return { sts, client: new sts.STSClient(await clientConfig(context, credentials)) };
}

export async function assumeRole(
  context: AwsCallContext,
  credentials: AwsCredentials,
  params: AssumeRoleParams,
): Promise<AwsCredentials> {
  const { sts, client } = await stsClient(context, credentials);
  try {
    const output = await client.send(
      new sts.AssumeRoleCommand({
        RoleArn: params.roleArn,
        RoleSessionName: params.roleSessionName,
        ExternalId: params.externalId,
        SerialNumber: params.serialNumber,
        TokenCode: params.tokenCode,
        DurationSeconds: params.durationSeconds,
        SourceIdentity: params.sourceIdentity,
        Tags: params.tags?.map((tag) => ({ Key: tag.key, Value: tag.value })),
        TransitiveTagKeys: params.transitiveTagKeys ? [...params.transitiveTagKeys] : undefined,
      }),
    );
    return credentialsFrom(
      output.Credentials,
      output.AssumedRoleUser?.Arn,
      `AssumeRole ${params.roleArn}`,
    );
  } catch (error) {
    throw awsCallError(error, `AssumeRole ${params.roleArn}`, {
      mfaUsed: params.tokenCode !== undefined,
    });
  } finally {
    client.destroy();
  }
}

export async function assumeRoleWithWebIdentity(
  context: AwsCallContext,
  params: WebIdentityParams,
): Promise<AwsCredentials> {
  const { sts, client } = await stsClient(context);
  try {
    const output = await client.send(
      new sts.AssumeRoleWithWebIdentityCommand({
        RoleArn: params.roleArn,
        RoleSessionName: params.roleSessionName,
        WebIdentityToken: params.webIdentityToken,
      }),
    );
    return credentialsFrom(
      output.Credentials,
      output.AssumedRoleUser?.Arn,
      `AssumeRoleWithWebIdentity ${params.roleArn}`,
    );
  } catch (error) {
    throw awsCallError(error, `AssumeRoleWithWebIdentity ${params.roleArn}`);
  } finally {
    client.destroy();
  }
}

/** AssumeRoleWithSAML: unsigned, the assertion is the proof (the SDK sends it without credentials). */
export async function assumeRoleWithSaml(
  context: AwsCallContext,
  params: SamlParams,
): Promise<AwsCredentials> {
  const { sts, client } = await stsClient(context);
  try {
    const output = await client.send(
      new sts.AssumeRoleWithSAMLCommand({
        RoleArn: params.roleArn,
        PrincipalArn: params.principalArn,
        SAMLAssertion: params.samlAssertion,
        DurationSeconds: params.durationSeconds,
      }),
    );
    return credentialsFrom(
      output.Credentials,
      output.AssumedRoleUser?.Arn,
      `AssumeRoleWithSAML ${params.roleArn}`,
    );
  } finally {
    client.destroy();
  }
}

export async function getSessionToken(
  context: AwsCallContext,
  credentials: AwsCredentials,
  params: SessionTokenParams,
): Promise<AwsCredentials> {
  const { sts, client } = await stsClient(context, credentials);
  try {
    const output = await client.send(
      new sts.GetSessionTokenCommand({
        SerialNumber: params.serialNumber,
        TokenCode: params.tokenCode,
        DurationSeconds: params.durationSeconds,
      }),
    );
    const result = credentialsFrom(output.Credentials, undefined, "GetSessionToken");
    if (credentials.accountId !== undefined) result.accountId = credentials.accountId;
    return result;
  } catch (error) {
    throw awsCallError(error, "GetSessionToken", { mfaUsed: params.tokenCode !== undefined });
  } finally {
    client.destroy();
  }
}

export async function getCallerIdentity(
  context: AwsCallContext,
  credentials: AwsCredentials,
): Promise<CallerIdentity> {
  const { sts, client } = await stsClient(context, credentials);
  try {
    const output = await client.send(new sts.GetCallerIdentityCommand({}));
    return { account: output.Account ?? "", arn: output.Arn ?? "", userId: output.UserId ?? "" };
  } catch (error) {
    throw awsCallError(error, "GetCallerIdentity");
  } finally {
    client.destroy();
  }
}

/** STS's Credentials shape as credo's; the account comes from the principal's ARN (assumed role or federated user). */
export function credentialsFrom(
  shape: StsCredentialsShape | undefined,
  principalArn: string | undefined,
  action: string,
): AwsCredentials {
  if (shape?.AccessKeyId === undefined || shape.SecretAccessKey === undefined) {
    throw awsCallError(new Error("the response held no credentials"), action);
  }
  const credentials: AwsCredentials = {
    accessKeyId: shape.AccessKeyId,
    secretAccessKey: shape.SecretAccessKey,
  };
  if (shape.SessionToken !== undefined) credentials.sessionToken = shape.SessionToken;
  if (shape.Expiration !== undefined) credentials.expiration = shape.Expiration;
  // The account is the fifth field of the ARN (arn:aws:sts::ACCOUNT:assumed-role/...), as the SDKs read it.
  const accountId = principalArn?.split(":")[4];
  if (accountId !== undefined && accountId !== "") credentials.accountId = accountId;
  return credentials;
}

import type { AwsCredentials } from "./aws-credentials.js";
import type { AwsCallContext } from "./aws-call-context.js";
import { clientConfig } from "./aws-call-context.js";
import { awsCallError } from "./aws-error.js";

export interface CreatedAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The IAM client module, loaded only right before a call (as sts.ts does). */
async function iamClient(context: AwsCallContext, credentials: AwsCredentials) {
  const iam = await import("@aws-sdk/client-iam");
  return { iam, client: new iam.IAMClient(await clientConfig(context, credentials)) };
}

/** CreateAccessKey for the calling user (no UserName: IAM acts on the caller). */
export async function createAccessKey(
  context: AwsCallContext,
  credentials: AwsCredentials,
): Promise<CreatedAccessKey> {
  const { iam, client } = await iamClient(context, credentials);
  try {
    const output = await client.send(new iam.CreateAccessKeyCommand({}));
    const key = output.AccessKey;
    if (key?.AccessKeyId === undefined || key.SecretAccessKey === undefined) {
      throw awsCallError(new Error("the response held no access key"), "CreateAccessKey");
    }
    return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
  } catch (error) {
    throw awsCallError(error, "CreateAccessKey");
  } finally {
    client.destroy();
  }
}

export async function deleteAccessKey(
  context: AwsCallContext,
  credentials: AwsCredentials,
  accessKeyId: string,
): Promise<void> {
  const { iam, client } = await iamClient(context, credentials);
  try {
    await client.send(new iam.DeleteAccessKeyCommand({ AccessKeyId: accessKeyId }));
  } catch (error) {
    throw awsCallError(error, `DeleteAccessKey ${accessKeyId}`);
  } finally {
    client.destroy();
  }
}

/** The caller's access key ids (to tell the user which key to delete by hand when the quota is full). */
export async function listAccessKeyIds(
  context: AwsCallContext,
  credentials: AwsCredentials,
): Promise<string[]> {
  const { iam, client } = await iamClient(context, credentials);
  try {
    const output = await client.send(new iam.ListAccessKeysCommand({}));
    return (output.AccessKeyMetadata ?? []).flatMap((key) =>
      key.AccessKeyId === undefined ? [] : [key.AccessKeyId],
    );
  } catch (error) {
    throw awsCallError(error, "ListAccessKeys");
  } finally {
    client.destroy();
  }
}

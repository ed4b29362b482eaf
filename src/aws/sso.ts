import type { AwsCredentials } from "./aws-credentials.js";
import type { AwsCallContext } from "./aws-call-context.js";
import { clientConfig } from "./aws-call-context.js";
import { awsCallError } from "./aws-error.js";

export interface RoleCredentialsParams {
  accessToken: string;
  accountId: string;
  roleName: string;
}

/** SSO GetRoleCredentials (bearer-token auth, no SigV4), loading the SDK client only now. */
export async function getRoleCredentials(
  context: AwsCallContext,
  params: RoleCredentialsParams,
): Promise<AwsCredentials> {
  const sso = await import("@aws-sdk/client-sso");
  const client = new sso.SSOClient(await clientConfig(context));
  const action = `SSO GetRoleCredentials (account ${params.accountId}, role ${params.roleName})`;
  try {
    const output = await client.send(
      new sso.GetRoleCredentialsCommand({
        accessToken: params.accessToken,
        accountId: params.accountId,
        roleName: params.roleName,
      }),
    );
    const role = output.roleCredentials;
    if (role?.accessKeyId === undefined || role.secretAccessKey === undefined) {
      throw awsCallError(new Error("the response held no credentials"), action);
    }
    const credentials: AwsCredentials = {
      accessKeyId: role.accessKeyId,
      secretAccessKey: role.secretAccessKey,
      accountId: params.accountId,
    };
    if (role.sessionToken !== undefined) credentials.sessionToken = role.sessionToken;
    if (role.expiration !== undefined) credentials.expiration = new Date(role.expiration);
    return credentials;
  } catch (error) {
    throw awsCallError(error, action);
  } finally {
    client.destroy();
  }
}

import { getRoleCredentials } from "../aws/sso.js";
import { CredoError } from "../errors.js";
import type { ChainContext } from "./chain-context.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { BaseSource } from "./plan-chain.js";

type SsoSource = Extract<BaseSource, { kind: "Sso" }>;

/** IAM Identity Center role credentials: the cached SSO token, then SSO GetRoleCredentials. */
export async function ssoCredentials(
  source: SsoSource,
  context: ChainContext,
): Promise<AwsCredentials> {
  if (source.accountId === undefined || source.roleName === undefined) {
    throw new CredoError(
      `The profile "${source.profile}" has sso_session but no sso_account_id and sso_role_name: the selected profile will resolve an access token instead of credentials.`,
      {
        exitCode: "config",
        hint: "Add sso_account_id and sso_role_name to get AWS credentials from this profile.",
      },
    );
  }
  const accessToken = await context.ssoToken({
    profile: source.profile,
    startUrl: source.startUrl,
    region: source.region,
    ...(source.sessionName === undefined ? {} : { sessionName: source.sessionName }),
  });
  context.logger.debug(`calling SSO GetRoleCredentials for profile ${source.profile}`);
  return getRoleCredentials(
    { ...context.sso, region: source.region },
    { accessToken, accountId: source.accountId, roleName: source.roleName },
  );
}

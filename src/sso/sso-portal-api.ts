import type { NetworkAccess } from "../aws/aws-call-context.js";
import { networkHandler } from "../aws/aws-call-context.js";
/** The SSO portal operations `sso sync` and `sso logout` use, in the SDK's shapes. */
export interface SsoPortalApi {
  listAccounts(input: { accessToken: string; nextToken?: string }): Promise<{
    accountList?:
      { accountId?: string | undefined; accountName?: string | undefined }[] | undefined;
    nextToken?: string | undefined;
  }>;
  listAccountRoles(input: { accessToken: string; accountId: string; nextToken?: string }): Promise<{
    roleList?: { roleName?: string | undefined; accountId?: string | undefined }[] | undefined;
    nextToken?: string | undefined;
  }>;
  logout(input: { accessToken: string }): Promise<unknown>;
}

export type SsoPortalApiFactory = (region: string) => Promise<SsoPortalApi>;

/**
 * The real client, loaded lazily so commands that never reach the portal never
 * load the SDK. `endpoint` is the configured endpoint URL for service "SSO".
 */
export function sdkSsoPortalApi(
  endpoint: string | undefined,
  network?: NetworkAccess,
): SsoPortalApiFactory {
  return async (region) => {
    const sdk = await import("@aws-sdk/client-sso");
    const client = new sdk.SSOClient({
      region,
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(await networkHandler(network)),
    });
    return {
      listAccounts: (input) => client.send(new sdk.ListAccountsCommand(input)),
      listAccountRoles: (input) => client.send(new sdk.ListAccountRolesCommand(input)),
      logout: (input) => client.send(new sdk.LogoutCommand(input)),
    };
  };
}

import type { SsoPortalApi } from "./sso-portal-api.js";

export interface SsoAssignment {
  accountId: string;
  accountName: string;
  roleName: string;
}

/**
 * Every account and role the token can reach: ListAccounts, then
 * ListAccountRoles for each account, following nextToken on both. Any failure
 * propagates, so a sync never acts on a partial list.
 */
export async function listSsoAssignments(
  portal: SsoPortalApi,
  accessToken: string,
): Promise<SsoAssignment[]> {
  const assignments: SsoAssignment[] = [];
  let accountsToken: string | undefined;
  do {
    const page = await portal.listAccounts({
      accessToken,
      ...(accountsToken === undefined ? {} : { nextToken: accountsToken }),
    });
    for (const account of page.accountList ?? []) {
      if (account.accountId === undefined) continue;
      let rolesToken: string | undefined;
      do {
        const roles = await portal.listAccountRoles({
          accessToken,
          accountId: account.accountId,
          ...(rolesToken === undefined ? {} : { nextToken: rolesToken }),
        });
        for (const role of roles.roleList ?? []) {
          if (role.roleName === undefined) continue;
          assignments.push({
            accountId: account.accountId,
            accountName: account.accountName ?? account.accountId,
            roleName: role.roleName,
          });
        }
        rolesToken = roles.nextToken;
      } while (rolesToken !== undefined && rolesToken !== "");
    }
    accountsToken = page.nextToken;
  } while (accountsToken !== undefined && accountsToken !== "");
  return assignments;
}

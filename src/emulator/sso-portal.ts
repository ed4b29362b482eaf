import { createHash } from "node:crypto";
import { jsonResponse, type EmulatorResponse } from "./http-response.js";
import type { IdentityStore } from "./identity-store.js";
import type { SsoDirectory } from "./sso-directory.js";
import { ServiceError } from "./service-error.js";

export interface PortalDeps {
  sso: SsoDirectory;
  store: IdentityStore;
  now: number;
}

/** Operation names as the SDK models call them, for counting and fault injection. */
export function portalOperation(method: string, pathname: string): string | undefined {
  if (method === "GET" && pathname === "/federation/credentials") return "GetRoleCredentials";
  if (method === "GET" && pathname === "/assignment/accounts") return "ListAccounts";
  if (method === "GET" && pathname === "/assignment/roles") return "ListAccountRoles";
  if (method === "POST" && pathname === "/logout") return "Logout";
  return undefined;
}

/** The portal's pagination: an opaque next_token (here the offset) and max_result. */
function page<T>(
  items: T[],
  query: URLSearchParams,
): { items: T[]; nextToken: string | undefined } {
  const offset = Number(
    Buffer.from(query.get("next_token") ?? "", "base64url").toString("utf8") || "0",
  );
  const max = Number(query.get("max_result") ?? "100");
  const start = Number.isInteger(offset) && offset > 0 ? offset : 0;
  const size = Number.isInteger(max) && max > 0 ? max : 100;
  const end = start + size;
  return {
    items: items.slice(start, end),
    nextToken:
      end < items.length ? Buffer.from(String(end), "utf8").toString("base64url") : undefined,
  };
}

export function runPortalOperation(
  operation: string,
  query: URLSearchParams,
  bearer: string | undefined,
  { sso, store, now }: PortalDeps,
): EmulatorResponse {
  if (!sso.validAccessToken(bearer, now)) {
    throw new ServiceError(401, "UnauthorizedException", "Session token not found or invalid");
  }
  switch (operation) {
    case "Logout":
      sso.accessTokens.delete(bearer ?? "");
      return { status: 200, headers: {}, body: "" };
    case "ListAccounts": {
      const { items, nextToken } = page([...sso.accounts.values()], query);
      return jsonResponse(200, {
        accountList: items.map(({ accountId, accountName, emailAddress }) => ({
          accountId,
          accountName,
          emailAddress,
        })),
        ...(nextToken === undefined ? {} : { nextToken }),
      });
    }
    case "ListAccountRoles": {
      const account = sso.accounts.get(query.get("account_id") ?? "");
      if (account === undefined) throw new ServiceError(403, "ForbiddenException", "No access");
      const { items, nextToken } = page(account.roles, query);
      return jsonResponse(200, {
        roleList: items.map((roleName) => ({ roleName, accountId: account.accountId })),
        ...(nextToken === undefined ? {} : { nextToken }),
      });
    }
    default: {
      const accountId = query.get("account_id") ?? "";
      const roleName = query.get("role_name") ?? "";
      const account = sso.accounts.get(accountId);
      if (account === undefined || !account.roles.includes(roleName))
        throw new ServiceError(403, "ForbiddenException", "No access");
      // Identity Center provisions each permission set as a role named AWSReservedSSO_<set>_<hash>.
      const suffix = createHash("sha256")
        .update(`${accountId}/${roleName}`)
        .digest("hex")
        .slice(0, 16);
      const arn = `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_${suffix}/${sso.userName}`;
      const session = store.issueSession(
        {
          kind: "sso-role",
          account: accountId,
          arn,
          userId: `AROA${suffix.toUpperCase()}:${sso.userName}`,
          mfa: true,
          user: undefined,
        },
        sso.roleCredentialsTtlSeconds,
      );
      return jsonResponse(200, {
        roleCredentials: {
          accessKeyId: session.accessKeyId,
          secretAccessKey: session.secretAccessKey,
          sessionToken: session.sessionToken,
          expiration: session.expiresAt,
        },
      });
    }
  }
}

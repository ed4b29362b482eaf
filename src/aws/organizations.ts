import type { AwsCredentials } from "./aws-credentials.js";
import type { AwsCallContext } from "./aws-call-context.js";
import { clientConfig } from "./aws-call-context.js";
import { awsCallError } from "./aws-error.js";

export interface OrganizationAccount {
  id: string;
  name: string;
  /** ACTIVE, SUSPENDED or PENDING_CLOSURE. */
  status: string;
}

/**
 * organizations:ListAccounts, every page. The client module is loaded only
 * here, right before the call (as sts.ts and iam.ts do).
 */
export async function listOrganizationAccounts(
  context: AwsCallContext,
  credentials: AwsCredentials,
): Promise<OrganizationAccount[]> {
  const organizations = await import("@aws-sdk/client-organizations");
  const client = new organizations.OrganizationsClient(await clientConfig(context, credentials));
  const accounts: OrganizationAccount[] = [];
  try {
    const pages = organizations.paginateListAccounts({ client }, {});
    for await (const page of pages) {
      for (const account of page.Accounts ?? []) {
        if (account.Id === undefined) continue;
        accounts.push({
          id: account.Id,
          name: account.Name ?? account.Id,
          status: account.Status ?? "ACTIVE",
        });
      }
    }
    return accounts;
  } catch (error) {
    throw awsCallError(error, "ListAccounts");
  } finally {
    client.destroy();
  }
}

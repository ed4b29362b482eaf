import { jsonResponse, type EmulatorResponse } from "./http-response.js";
import { ServiceError } from "./service-error.js";

export interface OrganizationAccount {
  id: string;
  name: string;
  email: string;
  /** ListAccounts reports ACTIVE, SUSPENDED or PENDING_CLOSURE. */
  status: "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";
}

/** The X-Amz-Target prefix of AWS Organizations (awsJson1_1). */
export const organizationsTargetPrefix = "AWSOrganizationsV20161128.";

/** Organizations answers at most 20 accounts a page. */
const maxPage = 20;

/**
 * The accounts of one organisation, for `organizations:ListAccounts` with its
 * paging: MaxResults (1 to 20) and an opaque NextToken, as the service does.
 */
export class OrganizationDirectory {
  private readonly accounts: OrganizationAccount[] = [];

  addAccount(account: { id: string; name: string; status?: OrganizationAccount["status"] }): void {
    this.accounts.push({
      id: account.id,
      name: account.name,
      email: `aws+${account.id}@example.com`,
      status: account.status ?? "ACTIVE",
    });
  }

  handle(operation: string, body: Buffer): EmulatorResponse {
    if (operation !== "ListAccounts") {
      throw new ServiceError(400, "UnknownOperationException", `Unknown operation ${operation}`);
    }
    const input = parseBody(body);
    const max = input.MaxResults ?? maxPage;
    if (!Number.isInteger(max) || max < 1 || max > maxPage) {
      throw new ServiceError(400, "InvalidInputException", "MaxResults must be between 1 and 20.");
    }
    const start = input.NextToken === undefined ? 0 : decodeToken(input.NextToken);
    const page = this.accounts.slice(start, start + max);
    const next = start + max < this.accounts.length ? encodeToken(start + max) : undefined;
    return jsonResponse(200, {
      Accounts: page.map((account) => ({
        Id: account.id,
        Arn: `arn:aws:organizations::000000000000:account/o-emulated/${account.id}`,
        Email: account.email,
        Name: account.name,
        Status: account.status,
        JoinedMethod: "CREATED",
        JoinedTimestamp: 1_700_000_000,
      })),
      ...(next === undefined ? {} : { NextToken: next }),
    });
  }
}

function parseBody(body: Buffer): { MaxResults?: number; NextToken?: string } {
  try {
    const text = body.toString("utf8");
    return text === "" ? {} : (JSON.parse(text) as { MaxResults?: number; NextToken?: string });
  } catch {
    throw new ServiceError(400, "SerializationException", "The request body is not JSON.");
  }
}

function encodeToken(offset: number): string {
  return Buffer.from(`accounts:${offset}`).toString("base64");
}

function decodeToken(token: string): number {
  const match = /^accounts:(\d+)$/.exec(Buffer.from(token, "base64").toString("utf8"));
  if (match === null)
    throw new ServiceError(400, "InvalidInputException", "The NextToken is not valid.");
  return Number(match[1]);
}

/** awsJson1_1 errors: the SDKs read the code from `__type`. */
export function awsJsonError(error: ServiceError, requestId: string): EmulatorResponse {
  return jsonResponse(
    error.status,
    { __type: error.code, message: error.message },
    { "x-amzn-requestid": requestId, "content-type": "application/x-amz-json-1.1" },
  );
}

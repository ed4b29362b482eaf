import type { RoleArn } from "../aws/arn.js";
import { parseRoleArn } from "../aws/arn.js";
import { UsageError } from "../errors.js";

/** A role ARN as IAM accepts it; its partition and account. */
export function requireRoleArn(arn: string): RoleArn {
  const role = parseRoleArn(arn);
  if (role === undefined) {
    throw new UsageError(
      `"${arn}" is not an IAM role ARN.`,
      "Give it as arn:aws:iam::123456789012:role/NAME.",
    );
  }
  return role;
}

export function assertAccountId(account: string): string {
  if (!/^\d{12}$/.test(account)) {
    throw new UsageError(
      `"${account}" is not an AWS account id.`,
      "An account id is 12 digits, e.g. 123456789012.",
    );
  }
  return account;
}

/** IAM's rules for sts:ExternalId: 2 to 1224 characters of [\w+=,.@:/-]. */
export function assertExternalId(externalId: string): string {
  if (!/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
    throw new UsageError(
      `The external id "${externalId}" is not one STS accepts.`,
      "Use 2 to 1224 characters: letters, digits and +=,.@:/-_",
    );
  }
  return externalId;
}

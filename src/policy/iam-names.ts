import { UsageError } from "../errors.js";

const roleArnPattern = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;

/** A role ARN as IAM accepts it; its partition and account. */
export function parseRoleArn(arn: string): { partition: string; account: string } {
  const match = roleArnPattern.exec(arn);
  if (match === null || match[1] === undefined || match[2] === undefined) {
    throw new UsageError(
      `"${arn}" is not an IAM role ARN.`,
      "Give it as arn:aws:iam::123456789012:role/NAME.",
    );
  }
  return { partition: match[1], account: match[2] };
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

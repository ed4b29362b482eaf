import { parseRoleArn } from "../aws/arn.js";
import { UsageError } from "../errors.js";
import { isValidIdentifier } from "../profile-files/identifier.js";

/**
 * Checks on what a user types, made before any file or the vault is touched,
 * so a typo ends as a usage error (exit 2) with every file as it was.
 */
export function validProfileName(name: string, what = "profile name"): string {
  if (!isValidIdentifier(name) || name.includes(" ")) {
    throw new UsageError(
      `"${name}" is not a valid ${what}.`,
      "Use letters, digits and _ - / . % @ : + (the characters the AWS SDKs accept in a profile name).",
    );
  }
  return name;
}

/** Long-term IAM user keys start AKIA; ASIA (temporary) is accepted as AWS formats it, 20 characters. */
export function validAccessKeyId(id: string): string {
  if (!/^(AKIA|ASIA)[A-Z0-9]{16}$/.test(id)) {
    throw new UsageError(
      `"${id}" is not an AWS access key id.`,
      "An access key id is AKIA followed by 16 capital letters or digits (IAM console, Security credentials).",
    );
  }
  return id;
}

export function validMfaSerial(arn: string): string {
  if (!/^arn:aws[-a-z]*:iam::\d{12}:mfa\/[\w+=,.@/-]+$/.test(arn)) {
    throw new UsageError(
      `"${arn}" is not an MFA device ARN.`,
      "It looks like arn:aws:iam::123456789012:mfa/alice (IAM console, Security credentials, MFA).",
    );
  }
  return arn;
}

export function validRegion(region: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) {
    throw new UsageError(
      `"${region}" is not an AWS region.`,
      "A region looks like eu-west-1 or us-gov-west-1.",
    );
  }
  return region;
}

export function validRoleArn(arn: string): string {
  if (parseRoleArn(arn) === undefined) {
    throw new UsageError(
      `"${arn}" is not an IAM role ARN.`,
      "It looks like arn:aws:iam::123456789012:role/Developer.",
    );
  }
  return arn;
}

export function validAccountId(account: string): string {
  if (!/^\d{12}$/.test(account)) {
    throw new UsageError(`"${account}" is not an AWS account id.`, "An account id has 12 digits.");
  }
  return account;
}

/** AssumeRole and GetSessionToken accept 900 s up to the role's maximum (at most 12 h for roles). */
export function validDuration(text: string, max = 43_200): number {
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < 900 || seconds > max) {
    throw new UsageError(
      `The duration must be ${900} to ${max} seconds, not "${text}".`,
      "For example --duration 3600.",
    );
  }
  return seconds;
}

/** A role session name as STS accepts it: 2-64 of [\w+=,.@-]. */
export function validSessionName(name: string): string {
  if (!/^[\w+=,.@-]{2,64}$/.test(name)) {
    throw new UsageError(
      `"${name}" is not a valid role session name.`,
      "Use 2 to 64 letters, digits and + = , . @ - _.",
    );
  }
  return name;
}

/** An external id as STS accepts it: 2-1224 of [\w+=,.@:/-]. */
export function validExternalId(id: string): string {
  if (!/^[\w+=,.@:/-]{2,1224}$/.test(id)) {
    throw new UsageError(
      `"${id}" is not a valid external id.`,
      "Use 2 to 1224 letters, digits and + = , . @ : / - _.",
    );
  }
  return id;
}

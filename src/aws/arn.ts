/**
 * ARNs as credo reads and writes them: one module, so every command agrees on
 * what a role ARN is and which partitions exist (aws, aws-cn, aws-us-gov and
 * the isolated aws-iso* partitions all have the form `aws` or `aws-NAME`).
 */

export interface RoleArn {
  partition: string;
  account: string;
  /** `/` or `/path/to/`, as IAM keeps it. */
  path: string;
  roleName: string;
}

// IAM's rules: a path of [\w+=,.@-] segments, a role name of 1 to 64 of the same.
const roleArnPattern =
  /^arn:(aws(?:-[a-z]+)*):iam::(\d{12}):role(\/(?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

/** The parts of a role ARN (arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME), or undefined for anything else. */
export function parseRoleArn(arn: string): RoleArn | undefined {
  const match = roleArnPattern.exec(arn);
  if (match === null) return undefined;
  const [, partition = "", account = "", path = "/", roleName = ""] = match;
  return { partition, account, path, roleName };
}

export function formatRoleArn(role: Omit<RoleArn, "path"> & { path?: string }): string {
  return `arn:${role.partition}:iam::${role.account}:role${role.path ?? "/"}${role.roleName}`;
}

/** The partition a region belongs to, by its prefix as in the SDKs' partitions.json. */
export function partitionOfRegion(region: string | undefined): string {
  if (region?.startsWith("cn-")) return "aws-cn";
  if (region?.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The partition field of any ARN, or undefined when it is not an ARN of a known form. */
export function partitionOfArn(arn: string | undefined): string | undefined {
  const partition = arn?.split(":")[1];
  return arn?.startsWith("arn:") && partition !== undefined && /^aws(?:-[a-z]+)*$/.test(partition)
    ? partition
    : undefined;
}

/** The account id of an IAM or STS ARN (`arn:PARTITION:iam::ACCOUNT:role/NAME`, `...:mfa/NAME`, `sts::ACCOUNT:assumed-role/...`). */
export function accountOfArn(arn: string | undefined): string | undefined {
  const account = arn?.split(":")[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/** The role name of a role ARN (the last path segment: `role/path/NAME` -> NAME). */
export function roleNameOfArn(arn: string | undefined): string | undefined {
  const resource = arn?.split(":")[5];
  if (resource === undefined || !resource.startsWith("role/")) return undefined;
  return resource.split("/").pop();
}

/** The role of an assumed-role session ARN (`assumed-role/NAME/SESSION`). */
export function roleNameOfSessionArn(arn: string | undefined): string | undefined {
  const resource = arn?.split(":")[5];
  if (resource === undefined || !resource.startsWith("assumed-role/")) return undefined;
  return resource.split("/")[1];
}

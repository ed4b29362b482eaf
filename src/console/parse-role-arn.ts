/** The parts of a role ARN (arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME), or undefined for anything else. */
export function parseRoleArn(arn: string): { account: string; roleName: string } | undefined {
  const match = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match ? { account: match[1] ?? "", roleName: match[2] ?? "" } : undefined;
}

/**
 * The session name when a profile sets none. botocore uses
 * `botocore-session-<epoch seconds>`; credo uses `credo-<epoch seconds>` so
 * CloudTrail shows which tool assumed the role. Only the name differs.
 */
export function defaultRoleSessionName(nowMs: number): string {
  return `credo-${Math.floor(nowMs / 1000)}`;
}

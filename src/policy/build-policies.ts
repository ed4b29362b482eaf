import { ConfigError, UsageError } from "../errors.js";
import type { ProfileSet } from "../profile-files/types.js";
import { hubGroupPolicy } from "./hub-group-policy.js";
import { assertAccountId, assertExternalId, requireRoleArn } from "./iam-names.js";
import type { KnownSpoke } from "./known-spokes.js";
import { knownSpokes } from "./known-spokes.js";
import type { PolicyDocument } from "./policy-document.js";
import { spokeTrustPolicy } from "./spoke-trust-policy.js";

export interface PolicyRequest {
  hubAccount?: string;
  roleArns: readonly string[];
  externalId?: string;
  /** The roles of a team registry (`--team`), with the external ID each profile names. */
  teamRoles?: readonly { roleArn: string; externalId: string | undefined }[];
}

/**
 * One document when one is needed (ready to paste into the console); when the
 * documents differ, an object naming each (hub profile or role ARN), so the
 * output is JSON either way.
 */
export type PolicyOutput = PolicyDocument | Record<string, PolicyDocument>;

const noKnownRoles = (what: string) =>
  new ConfigError(
    `No role profiles over a credo hub were found to build the ${what} from.`,
    "Name the roles with --role-arn (repeatable), or add them with `credo role add`.",
  );

/** `credo policy hub`: the given roles in one group policy, or those in the config, one policy per hub. */
export function hubPolicies(request: PolicyRequest, profileSet: ProfileSet): PolicyOutput {
  const given = [...request.roleArns, ...(request.teamRoles ?? []).map((role) => role.roleArn)];
  if (given.length > 0) {
    given.forEach(requireRoleArn);
    return hubGroupPolicy(given);
  }
  const spokes = knownSpokes(profileSet);
  if (spokes.length === 0) throw noKnownRoles("hub group policy");
  const byHub = new Map<string, string[]>();
  for (const spoke of spokes)
    byHub.set(spoke.hub, [...(byHub.get(spoke.hub) ?? []), spoke.roleArn]);
  return singleOrNamed(new Map([...byHub].map(([hub, arns]) => [hub, hubGroupPolicy(arns)])));
}

/** `credo policy trust`: each spoke role's trust policy (one document when they are all the same). */
export function trustPolicies(request: PolicyRequest, profileSet: ProfileSet): PolicyOutput {
  const externalId =
    request.externalId === undefined ? undefined : assertExternalId(request.externalId);
  const hubAccount =
    request.hubAccount === undefined ? undefined : assertAccountId(request.hubAccount);
  const known = knownSpokes(profileSet);
  const spokes: KnownSpoke[] =
    request.roleArns.length > 0
      ? request.roleArns.map((roleArn) => ({
          hub: "",
          hubAccount: onlyHubAccount(known),
          roleArn,
          externalId: undefined,
        }))
      : request.teamRoles !== undefined
        ? []
        : known;
  for (const role of request.teamRoles ?? []) {
    spokes.push({
      hub: "",
      hubAccount:
        known.find((spoke) => spoke.roleArn === role.roleArn)?.hubAccount ?? onlyHubAccount(known),
      roleArn: role.roleArn,
      externalId: role.externalId,
    });
  }
  if (spokes.length === 0) {
    if (hubAccount === undefined) throw noKnownRoles("trust policies");
    return spokeTrustPolicy({
      hubAccount,
      partition: "aws",
      ...(externalId === undefined ? {} : { externalId }),
    });
  }
  const documents = new Map<string, PolicyDocument>();
  for (const spoke of spokes) {
    const { partition } = requireRoleArn(spoke.roleArn);
    const account = hubAccount ?? spoke.hubAccount;
    if (account === undefined) {
      throw new UsageError(
        `The hub account that assumes ${spoke.roleArn} is not known.`,
        "Give it with --hub-account 123456789012 (or set mfa_serial on the hub profile).",
      );
    }
    const id = externalId ?? spoke.externalId;
    documents.set(
      spoke.roleArn,
      spokeTrustPolicy({
        hubAccount: account,
        partition,
        ...(id === undefined ? {} : { externalId: id }),
      }),
    );
  }
  return singleOrNamed(documents);
}

/** The hub account when the config has exactly one hub account: what given roles are assumed from. */
function onlyHubAccount(known: readonly KnownSpoke[]): string | undefined {
  const accounts = new Set(
    known.map((spoke) => spoke.hubAccount).filter((account) => account !== undefined),
  );
  return accounts.size === 1 ? [...accounts][0] : undefined;
}

function singleOrNamed(documents: ReadonlyMap<string, PolicyDocument>): PolicyOutput {
  const distinct = new Set([...documents.values()].map((document) => JSON.stringify(document)));
  const [first] = documents.values();
  if (distinct.size === 1 && first !== undefined) return first;
  return Object.fromEntries(documents);
}

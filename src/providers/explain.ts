import { maskAccessKeyId } from "../aws/mask-access-key-id.js";
import { resolveRegion } from "../config/resolve-region.js";
import type { ProfileSelectionReason } from "../config/select-profile.js";
import { selectProfile } from "../config/select-profile.js";
import { CredoError } from "../errors.js";
import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import type { ProfileFileLocations, ProfileSet, Properties } from "../profile-files/types.js";
import { stringProperty } from "../profile-files/profile-property.js";
import { parseCredoProcessCommand } from "./credo-process-command.js";
import { isManagedConsumerProfile } from "./managed-topology.js";
import type { CredentialSourceName } from "./credentials.js";
import { defaultChainLinks } from "./default-chain.js";
import type { ChainLink } from "./default-chain.js";
import { isNotConfigured } from "./not-configured-error.js";
import type { AssumeRoleStep, BaseSource, ChainPlan } from "./plan-chain.js";
import { assertProfileExists } from "./resolve.js";
import { attributionKeys, describeAttribution, hasAttribution } from "./role-attribution.js";

export interface ExplainInputs {
  profileOption?: string;
  env: Env;
  profileSet: ProfileSet;
  /** The files the profile set was read from (reported, not read again). */
  locations?: ProfileFileLocations;
}

export interface ExplainedLink {
  profile: string | undefined;
  /** "static keys (credentials file)", "assume role", "credo hub"... */
  kind: string;
  detail: string;
}

export interface ExplainedSource {
  source: CredentialSourceName;
  detail: string;
}

export interface Explanation {
  profile: string;
  profileFrom: ProfileSelectionReason;
  /** Every environment variable the chain looks at, and whether it is set (never its value). */
  envRead: { name: string; set: boolean }[];
  filesRead: string[];
  /** botocore's method name of the winning source; undefined when nothing is configured. */
  source: CredentialSourceName | undefined;
  sourceDetail: string;
  /** Sources configured too but lower in the chain. */
  shadowed: ExplainedSource[];
  chain: string[];
  links: ExplainedLink[];
  region: string | undefined;
  regionFrom: string;
  /** A configuration error resolution would stop at. */
  problem?: { message: string; hint: string | undefined };
  /** Settings the SDKs ignore where they stand (a common surprise, e.g. source_profile without role_arn). */
  notes: string[];
}

const envNames = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
  "AWS_ROLE_SESSION_NAME",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_EC2_METADATA_DISABLED",
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_STS",
  "AWS_ENDPOINT_URL_SSO",
];

type LinkVerdict =
  | { configured: true; sources: ExplainedSource[]; plan?: ChainPlan }
  | { configured: false; problem?: CredoError };

/**
 * What resolveCredentials would do, without any network call: it walks the
 * same defaultChainLinks and the same plan, and reports what each link sees.
 */
export function explainResolution(inputs: ExplainInputs): Explanation {
  const selection = selectProfile(inputs.profileOption, inputs.env);
  const profile = inputs.profileSet.profiles[selection.name];
  const regionResolution = resolveRegion(inputs.env, profile);
  const explanation: Explanation = {
    profile: selection.name,
    profileFrom: selection.from,
    envRead: envNames.map((name) => ({ name, set: envValue(inputs.env, name) !== undefined })),
    filesRead:
      inputs.locations === undefined
        ? []
        : [inputs.locations.configFile, inputs.locations.credentialsFile],
    source: undefined,
    sourceDetail: "no credential source is configured",
    shadowed: [],
    chain: [],
    links: [],
    region: regionResolution.region,
    regionFrom: regionResolution.from,
    notes: ignoredSettingsNotes(selection.name, profile),
  };
  try {
    assertProfileExists(inputs.profileSet, selection.name, selection.from);
  } catch (error) {
    return { ...explanation, problem: problemOf(error) };
  }
  for (const link of defaultChainLinks) {
    const verdict = examineLink(link, inputs, selection.name, selection.from === "option");
    if (!verdict.configured) {
      if (verdict.problem !== undefined && explanation.source === undefined)
        return { ...explanation, problem: problemOf(verdict.problem) };
      continue;
    }
    const [winner, ...rest] = verdict.sources;
    if (explanation.source === undefined && winner !== undefined) {
      explanation.source = winner.source;
      explanation.sourceDetail = winner.detail;
      explanation.shadowed.push(...rest);
      if (verdict.plan !== undefined) {
        explanation.chain = verdict.plan.profiles;
        explanation.links = linksOf(verdict.plan);
        explanation.notes.push(...nativeAttributionNotes(verdict.plan, inputs.profileSet));
      }
    } else {
      explanation.shadowed.push(...verdict.sources);
    }
  }
  return explanation;
}

/**
 * botocore and the JS SDK assume a plain role profile themselves and know
 * nothing of source_identity or session_tags: only credo (process, exec,
 * export, serve, auth) sends them. A managed profile (`credo aws-config
 * sync`) makes those tools get the role from credo instead.
 */
function nativeAttributionNotes(plan: ChainPlan, profileSet: ProfileSet): string[] {
  return plan.roles
    .filter(
      (step) =>
        hasAttribution(step) && !isManagedConsumerProfile(profileSet.profiles[step.profile]),
    )
    .map(
      (step) =>
        `profile "${step.profile}" sets ${attributionKeys.filter((key) => attributionOf(step, key)).join(", ")}: ` +
        "credo sends them, but a tool that assumes this role itself (the AWS CLI, boto3, the JS SDK) does not; " +
        "`credo aws-config sync` makes it a profile those tools get from credo",
    );
}

function attributionOf(step: AssumeRoleStep, key: (typeof attributionKeys)[number]): boolean {
  if (key === "source_identity") return step.sourceIdentity !== undefined;
  if (key === "session_tags") return step.sessionTags !== undefined;
  return step.transitiveTagKeys !== undefined;
}

/**
 * The SDKs read source_profile only beside role_arn, and mfa_serial only for a
 * role (or, in credo, a hub): elsewhere both are silently ignored, which is how
 * seed 002's `[profile acme]` (user_arn + source_profile) resolves to nothing.
 */
function ignoredSettingsNotes(name: string, profile: Properties | undefined): string[] {
  if (profile === undefined || stringProperty(profile, "role_arn") !== undefined) return [];
  const notes: string[] = [];
  const source = stringProperty(profile, "source_profile");
  if (source !== undefined) {
    notes.push(
      `profile "${name}" has source_profile = ${source} but no role_arn: the SDKs ignore source_profile there`,
    );
  }
  const isHub =
    parseCredoProcessCommand(stringProperty(profile, "credential_process") ?? "") === name;
  if (stringProperty(profile, "mfa_serial") !== undefined && !isHub) {
    notes.push(`profile "${name}" has mfa_serial but no role_arn: the SDKs use it only for roles`);
  }
  return notes;
}

function examineLink(
  link: ChainLink,
  inputs: ExplainInputs,
  profileName: string,
  profileFromOption: boolean,
): LinkVerdict {
  try {
    const seen = link.examine({
      env: inputs.env,
      profileSet: inputs.profileSet,
      profileName,
      profileFromOption,
    });
    const { plan } = seen;
    if (plan === undefined) {
      return {
        configured: true,
        sources: seen.sources.map(({ source, detail }) => ({ source, detail: detail ?? source })),
      };
    }
    if (seen.runsCredo === true) {
      // credo, which that command runs, follows the credo_* topology below.
      const detail = `credential_process runs credo, which resolves: ${baseDetail(plan)}`;
      return { configured: true, sources: [{ source: "custom-process", detail }], plan };
    }
    const sources = seen.sources.map(({ source }, index) => ({
      source,
      detail:
        index === 0 ? baseDetail(plan) : `profile "${profileName}" also has ${source} settings`,
    }));
    return { configured: true, sources, plan };
  } catch (error) {
    if (isNotConfigured(error)) return { configured: false };
    if (error instanceof CredoError) return { configured: false, problem: error };
    throw error;
  }
}

function baseDetail(plan: ChainPlan): string {
  const base = describeBase(plan.base);
  return plan.roles.length === 0
    ? base.detail
    : `${plan.roles.length} role(s) assumed from ${base.kind}`;
}

function linksOf(plan: ChainPlan): ExplainedLink[] {
  return [describeBase(plan.base), ...plan.roles.map(describeRole)];
}

function describeBase(base: BaseSource): ExplainedLink {
  switch (base.kind) {
    case "AccessKey":
      return {
        profile: base.profile,
        kind: `static keys (${base.file} file)`,
        detail: `access key ${maskAccessKeyId(base.accessKeyId)}${base.sessionToken === undefined ? "" : " with a session token"}`,
      };
    case "NamedSource":
      return { profile: base.profile, kind: "credential_source", detail: base.name };
    case "WebIdentityToken":
      return {
        profile: base.profile,
        kind: "web identity",
        detail: `role ${base.roleArn} with the token in ${base.webIdentityTokenFile}`,
      };
    case "Sso":
      return {
        profile: base.profile,
        kind: "sso",
        detail:
          base.roleName === undefined
            ? `sso-session ${base.sessionName ?? ""} (token only: no sso_account_id / sso_role_name)`
            : `role ${base.roleName} in account ${base.accountId ?? ""} via ${base.sessionName === undefined ? base.startUrl : `sso-session ${base.sessionName}`}`,
      };
    case "Login":
      return {
        profile: base.profile,
        kind: "aws login",
        detail: `login_session ${base.loginSession} (cached by \`aws login\`, refreshed by credo when it nears expiry)`,
      };
    case "Process":
      return {
        profile: base.profile,
        kind: "credential_process",
        detail: `runs \`${base.command}\` (no shell)`,
      };
    case "Hub":
      return {
        profile: base.profile,
        kind: "credo hub",
        detail: `credo's vault-backed hub "${base.hubName}" (credential_process \`${base.command}\`, resolved in-process)`,
      };
    case "Saml":
      return {
        profile: base.profile,
        kind: "saml",
        detail: `SAML sign-in at ${base.settings.url} through the browser, then AssumeRoleWithSAML ${base.settings.roleArn ?? "(role chosen at sign-in)"}`,
      };
  }
}

function describeRole(step: AssumeRoleStep): ExplainedLink {
  const extras = [
    step.mfaSerial === undefined ? undefined : `MFA ${step.mfaSerial}`,
    step.externalId === undefined ? undefined : "external id",
    step.durationSeconds === undefined ? undefined : `${step.durationSeconds} s`,
    step.roleSessionName === undefined ? undefined : `session name ${step.roleSessionName}`,
    describeAttribution(step),
  ].filter((extra) => extra !== undefined);
  return {
    profile: step.profile,
    kind: "assume role",
    detail: `${step.roleArn}${extras.length === 0 ? "" : ` (${extras.join(", ")})`}`,
  };
}

function problemOf(error: unknown): { message: string; hint: string | undefined } {
  return error instanceof CredoError
    ? { message: error.message, hint: error.hint }
    : { message: String(error), hint: undefined };
}

import { nonEmptyProperty, stringProperty } from "../profile-files/profile-property.js";
import { ConfigError } from "../errors.js";
import type { ProfileSet, Properties } from "../profile-files/types.js";
import { isSamlProfile, samlProfileSettings } from "../saml/saml-profile-settings.js";
import type { SamlProfileSettings } from "../saml/saml-profile-settings.js";
import { parseCredoProcessCommand } from "./credo-process-command.js";
import type { CredentialSourceName } from "./credentials.js";
import { withManagedTopology } from "./managed-topology.js";
import { NotConfiguredError } from "./not-configured-error.js";
import type { RoleAttribution } from "./role-attribution.js";
import { roleAttribution } from "./role-attribution.js";

export type NamedSourceName = "Environment" | "Ec2InstanceMetadata" | "EcsContainer";

/** Where the first credentials of a chain come from; every later link is an AssumeRole step. */
export type BaseSource =
  | {
      kind: "AccessKey";
      profile: string;
      /** botocore reports keys in ~/.aws/credentials and ~/.aws/config as different sources. */
      file: "credentials" | "config";
      accessKeyId: string;
      secretAccessKey: string;
      sessionToken?: string;
      accountId?: string;
    }
  | { kind: "NamedSource"; profile: string; name: NamedSourceName }
  | {
      kind: "WebIdentityToken";
      profile: string | undefined;
      roleArn: string;
      webIdentityTokenFile: string;
      roleSessionName?: string;
    }
  | {
      kind: "Sso";
      profile: string;
      startUrl: string;
      region: string;
      sessionName?: string;
      /** Absent for a profile meant only for SSO bearer tokens (no role to get credentials for). */
      accountId?: string;
      roleName?: string;
    }
  /** login_session: an `aws login` session in the login token cache. */
  | { kind: "Login"; profile: string; loginSession: string }
  | { kind: "Process"; profile: string; command: string; accountId?: string }
  /** credential_process = `credo process NAME`: credo's own vault-backed hub, called in-process. */
  | { kind: "Hub"; profile: string; command: string; hubName: string }
  /** A SAML profile (credo_saml_url): the identity provider through the browser, then AssumeRoleWithSAML. */
  | { kind: "Saml"; profile: string; settings: SamlProfileSettings };

export interface AssumeRoleStep extends RoleAttribution {
  kind: "AssumeRole";
  profile: string;
  roleArn: string;
  externalId?: string;
  roleSessionName?: string;
  mfaSerial?: string;
  mfaProcess?: string;
  /** credo_mfa_prompt: how to ask for the code when nothing supplies it. */
  mfaPrompt?: string;
  durationSeconds?: number;
}

export interface ChainPlan {
  /** botocore's method name for the whole chain. */
  source: CredentialSourceName;
  base: BaseSource;
  /** AssumeRole steps in the order they run (the selected profile's role last). */
  roles: AssumeRoleStep[];
  /** Profiles visited, selected first (the order explain prints). */
  profiles: string[];
}

/** AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN / AWS_ROLE_SESSION_NAME, for the selected profile only. */
export interface WebIdentityEnv {
  tokenFile?: string;
  roleArn?: string;
  sessionName?: string;
}

interface PlanContext {
  profileSet: ProfileSet;
  name: string;
  properties: Properties;
  /** Set for the selected profile of the default chain; source profiles never read the environment. */
  webIdentityEnv: WebIdentityEnv | undefined;
  visited: string[];
}

interface ProfileSourceRule {
  source: CredentialSourceName;
  applies(context: PlanContext): boolean;
  plan(context: PlanContext): ChainPlan;
  /** The rule plans an SSO token only, which gives no AWS credentials (botocore skips it). */
  tokenOnly?: true;
}

/**
 * The sources a profile can name, in botocore's precedence (credentials.py:
 * AssumeRoleProvider before ProfileProviderBuilder.providers(): web identity,
 * SSO, shared-credentials-file, login, custom-process, config-file). The first rule
 * that applies wins; `credo explain` walks the same list to say what a
 * winning rule shadows.
 */
export const profileSourceRules: readonly ProfileSourceRule[] = [
  { source: "assume-role", applies: isAssumeRoleProfile, plan: planAssumeRole },
  { source: "assume-role-with-web-identity", applies: isWebIdentityProfile, plan: planWebIdentity },
  { source: "sso", applies: isSsoProfile, plan: planSso },
  {
    source: "shared-credentials-file",
    applies: hasCredentialsFileKeys,
    plan: (c) => planStaticKeys(c, "credentials"),
  },
  { source: "login", applies: isLoginProfile, plan: planLogin },
  // Before custom-process: a SAML profile's credential_process calls credo for the
  // other tools; credo itself signs in directly (botocore sees custom-process).
  {
    source: "custom-process",
    applies: ({ properties }) => isSamlProfile(properties),
    plan: planSaml,
  },
  { source: "custom-process", applies: isProcessProfile, plan: planProcess },
  { source: "config-file", applies: hasStaticKeys, plan: (c) => planStaticKeys(c, "config") },
  // Last: a profile for `aws sso login` only (sso_session, no account or role). The
  // SEP chain plans its token (conformance "SSO token profile selected"); any
  // credentials beside it come first, as botocore's SSOProvider finds nothing there.
  { source: "sso", applies: isSsoTokenProfile, plan: planSso, tokenOnly: true },
];

/** A plan for an SSO token alone: no AWS credentials come of it (botocore's SSOProvider returns None). */
export function isTokenOnlyPlan(plan: ChainPlan): boolean {
  return (
    plan.base.kind === "Sso" &&
    plan.base.accountId === undefined &&
    plan.base.roleName === undefined
  );
}

/**
 * Turns the selected profile into its chain: a base source then AssumeRole
 * steps (conformance suite assume-role-profile-chain). Throws
 * NotConfiguredError when the profile holds no credential settings (the
 * default chain then tries the container and IMDS), ConfigError when it holds
 * broken ones.
 */
export function planChain(
  profileSet: ProfileSet,
  selectedProfile: string,
  webIdentityEnv?: WebIdentityEnv,
): ChainPlan {
  const properties = withManagedTopology(profileSet.profiles[selectedProfile]);
  const envTokenFile = webIdentityEnv?.tokenFile;
  if (properties === undefined && envTokenFile === undefined) {
    throw new NotConfiguredError(
      Object.keys(profileSet.profiles).length === 0
        ? "No profiles were defined in the AWS config or credentials file."
        : `The profile "${selectedProfile}" was not found.`,
    );
  }
  const context: PlanContext = {
    profileSet,
    name: selectedProfile,
    properties: properties ?? {},
    webIdentityEnv,
    visited: [selectedProfile],
  };
  const rule = profileSourceRules.find((candidate) => candidate.applies(context));
  if (rule === undefined) {
    throw new NotConfiguredError(
      `The profile "${selectedProfile}" did not contain credential information.`,
    );
  }
  return rule.plan(context);
}

/** The rules that apply to a profile, winner first: what explain reports as shadowed. */
export function applicableProfileSources(
  profileSet: ProfileSet,
  selectedProfile: string,
  webIdentityEnv?: WebIdentityEnv,
): CredentialSourceName[] {
  const context: PlanContext = {
    profileSet,
    name: selectedProfile,
    properties: withManagedTopology(profileSet.profiles[selectedProfile]) ?? {},
    webIdentityEnv,
    visited: [selectedProfile],
  };
  return profileSourceRules
    .filter((rule) => rule.tokenOnly !== true && rule.applies(context))
    .map((rule) => rule.source);
}

function isAssumeRoleProfile({ properties }: PlanContext): boolean {
  // botocore's _has_assume_role_config_vars: a role_arn beside
  // web_identity_token_file belongs to the web identity provider.
  return (
    stringProperty(properties, "role_arn") !== undefined &&
    stringProperty(properties, "web_identity_token_file") === undefined
  );
}

function isWebIdentityProfile({ properties, webIdentityEnv }: PlanContext): boolean {
  return (
    webIdentityEnv?.tokenFile !== undefined ||
    stringProperty(properties, "web_identity_token_file") !== undefined
  );
}

/**
 * botocore's SSOProvider applies only when the profile names an account or a
 * role (`_PROFILE_REQUIRED_CONFIG_VARS`); a profile with just `sso_session`
 * (or `sso_start_url`), used for `aws sso login`, holds no credentials and
 * the chain goes on to its other settings.
 */
function isSsoProfile({ properties }: PlanContext): boolean {
  return ["sso_account_id", "sso_role_name"].some(
    (key) => stringProperty(properties, key) !== undefined,
  );
}

function isSsoTokenProfile(context: PlanContext): boolean {
  return (
    !isSsoProfile(context) &&
    ["sso_session", "sso_start_url", "sso_region"].some(
      (key) => stringProperty(context.properties, key) !== undefined,
    )
  );
}

function hasStaticKeys({ properties }: PlanContext): boolean {
  return (
    stringProperty(properties, "aws_access_key_id") !== undefined ||
    stringProperty(properties, "aws_secret_access_key") !== undefined
  );
}

function hasCredentialsFileKeys(context: PlanContext): boolean {
  const inFile = context.profileSet.credentialsFileProfiles[context.name];
  return inFile !== undefined && hasStaticKeys({ ...context, properties: inFile });
}

/** botocore's LoginProvider: `'login_session' in profile_config` (any value, even empty). */
function isLoginProfile({ properties }: PlanContext): boolean {
  return stringProperty(properties, "login_session") !== undefined;
}

function planLogin({ name, properties }: PlanContext): ChainPlan {
  const loginSession = stringProperty(properties, "login_session") ?? "";
  return {
    source: "login",
    base: { kind: "Login", profile: name, loginSession },
    roles: [],
    profiles: [name],
  };
}

/** A SAML profile's credential_process calls credo for the other tools: the SAML rule owns it. */
function isProcessProfile({ properties }: PlanContext): boolean {
  return (
    nonEmptyProperty(properties, "credential_process") !== undefined && !isSamlProfile(properties)
  );
}

function planAssumeRole(context: PlanContext): ChainPlan {
  const { name, properties } = context;
  const step = assumeRoleStep(name, properties);
  const sourceProfile = stringProperty(properties, "source_profile");
  const credentialSource = stringProperty(properties, "credential_source");
  if (sourceProfile !== undefined && credentialSource !== undefined) {
    throw new ConfigError(
      `The profile "${name}" contains both source_profile and credential_source.`,
      "Keep one of them: source_profile names a profile, credential_source names Environment, Ec2InstanceMetadata or EcsContainer.",
    );
  }
  if (credentialSource !== undefined) {
    return {
      source: "assume-role",
      base: namedSource(name, credentialSource),
      roles: [step],
      profiles: [name],
    };
  }
  if (sourceProfile === undefined) {
    throw new ConfigError(
      `The profile "${name}" has role_arn but must contain source_profile or credential_source.`,
      "Add source_profile (the profile whose credentials assume the role) or credential_source.",
    );
  }
  const sourcePlan = planSourceProfile(context, sourceProfile);
  return {
    source: "assume-role",
    base: sourcePlan.base,
    roles: [...sourcePlan.roles, step],
    // A self-referencing profile (its own keys, its own role) is one profile in the chain.
    profiles: sourceProfile === name ? sourcePlan.profiles : [name, ...sourcePlan.profiles],
  };
}

/**
 * A source_profile hop, as botocore's AssumeRoleProvider walks it: a profile
 * already visited is a loop unless it is the profile itself holding static
 * keys; a source profile with static keys (or without role_arn) resolves
 * through the profile providers, so its keys beat its own role_arn.
 */
function planSourceProfile(parent: PlanContext, sourceName: string): ChainPlan {
  const properties = withManagedTopology(parent.profileSet.profiles[sourceName]);
  if (properties === undefined) {
    throw new ConfigError(
      `Could not find source profile "${sourceName}" referenced from "${parent.name}".`,
      `Define [profile ${sourceName}] in the AWS config file or fix source_profile in "${parent.name}".`,
    );
  }
  const context: PlanContext = {
    ...parent,
    name: sourceName,
    properties,
    webIdentityEnv: undefined,
  };
  if (parent.visited.includes(sourceName)) {
    if (sourceName !== parent.name || !hasStaticKeys(context))
      throw loopError([...parent.visited, sourceName]);
  } else {
    context.visited = [...parent.visited, sourceName];
  }
  // Keys (or no role_arn) make the source profile resolve through the profile providers, which have no
  // assume-role rule: its own role_arn then never wins.
  const rules =
    hasStaticKeys(context) || !isAssumeRoleProfile(context)
      ? profileSourceRules.filter((candidate) => candidate.source !== "assume-role")
      : profileSourceRules;
  const rule = rules.find((candidate) => candidate.applies(context));
  if (rule === undefined) {
    throw new ConfigError(
      `The source profile "${sourceName}" (referenced from "${parent.name}") did not contain credential information.`,
      `Give "${sourceName}" credentials (keys, credential_process, sso, login_session or a role) or point source_profile elsewhere.`,
    );
  }
  return rule.plan(context);
}

function loopError(visited: readonly string[]): ConfigError {
  const repeated = visited[visited.length - 1] ?? "";
  const cycle = visited.slice(visited.indexOf(repeated));
  return new ConfigError(
    `The source_profile references formed an infinite loop: ${cycle.join(" -> ")}.`,
    "Break the cycle: one profile in it must hold credentials of its own.",
  );
}

function namedSource(profile: string, name: string): BaseSource {
  if (name === "Environment" || name === "Ec2InstanceMetadata" || name === "EcsContainer") {
    return { kind: "NamedSource", profile, name };
  }
  throw new ConfigError(
    `The credential_source "${name}" in profile "${profile}" is not valid.`,
    "Use Environment, Ec2InstanceMetadata or EcsContainer.",
  );
}

function assumeRoleStep(profile: string, properties: Properties): AssumeRoleStep {
  const step: AssumeRoleStep = {
    kind: "AssumeRole",
    profile,
    roleArn: stringProperty(properties, "role_arn") ?? "",
  };
  const externalId = stringProperty(properties, "external_id");
  if (externalId !== undefined) step.externalId = externalId;
  const sessionName = stringProperty(properties, "role_session_name");
  if (sessionName !== undefined) step.roleSessionName = sessionName;
  const mfaSerial = nonEmptyProperty(properties, "mfa_serial");
  if (mfaSerial !== undefined) step.mfaSerial = mfaSerial;
  const mfaProcess = nonEmptyProperty(properties, "credo_mfa_process");
  if (mfaProcess !== undefined) step.mfaProcess = mfaProcess;
  const mfaPrompt = nonEmptyProperty(properties, "credo_mfa_prompt");
  if (mfaPrompt !== undefined) step.mfaPrompt = mfaPrompt;
  // botocore: int(duration_seconds), and a value that is not a number is ignored.
  const duration = stringProperty(properties, "duration_seconds");
  if (duration !== undefined && /^\s*\d+\s*$/.test(duration))
    step.durationSeconds = Number(duration);
  return { ...step, ...roleAttribution(profile, properties) };
}

function planWebIdentity(context: PlanContext): ChainPlan {
  const { name, properties, webIdentityEnv } = context;
  // botocore's AssumeRoleWithWebIdentityProvider reads each setting from the
  // environment first, then the profile (env vars are off for source profiles).
  const tokenFile =
    webIdentityEnv?.tokenFile ?? stringProperty(properties, "web_identity_token_file") ?? "";
  const roleArn = webIdentityEnv?.roleArn ?? stringProperty(properties, "role_arn");
  if (roleArn === undefined) {
    throw new ConfigError(
      `The profile "${name}" sets web_identity_token_file but role_arn was missing.`,
      "Add role_arn (the role to assume with the web identity token).",
    );
  }
  const base: BaseSource = {
    kind: "WebIdentityToken",
    profile: name,
    roleArn,
    webIdentityTokenFile: tokenFile,
  };
  const sessionName =
    webIdentityEnv?.sessionName ?? stringProperty(properties, "role_session_name");
  if (sessionName !== undefined) base.roleSessionName = sessionName;
  return { source: "assume-role-with-web-identity", base, roles: [], profiles: [name] };
}

function planSso(context: PlanContext): ChainPlan {
  const { name, properties, profileSet } = context;
  const sessionName = nonEmptyProperty(properties, "sso_session");
  const accountId = nonEmptyProperty(properties, "sso_account_id");
  const roleName = nonEmptyProperty(properties, "sso_role_name");
  if (roleName !== undefined && accountId === undefined) {
    throw ssoError(name, "if sso_role_name is set, then sso_account_id must also be set");
  }
  if (accountId !== undefined && roleName === undefined) {
    throw ssoError(name, "if sso_account_id is set, then sso_role_name must also be set");
  }
  let startUrl = nonEmptyProperty(properties, "sso_start_url");
  let region = nonEmptyProperty(properties, "sso_region");
  if (sessionName !== undefined) {
    const session = profileSet.ssoSessions[sessionName];
    if (session === undefined) {
      throw ssoError(
        name,
        `the sso-session named "${sessionName}" (referenced by profile "${name}") was not found`,
      );
    }
    const sessionRegion = nonEmptyProperty(session, "sso_region");
    const sessionStartUrl = nonEmptyProperty(session, "sso_start_url");
    if (region !== undefined && region !== sessionRegion) {
      throw ssoError(
        name,
        `sso_region can only be specified in the [sso-session ${sessionName}] config when a session name is given`,
      );
    }
    if (startUrl !== undefined && startUrl !== sessionStartUrl) {
      throw ssoError(
        name,
        `sso_start_url can only be specified in the [sso-session ${sessionName}] config when a session name is given`,
      );
    }
    startUrl = sessionStartUrl;
    region = sessionRegion;
  }
  if (startUrl === undefined || region === undefined) {
    throw ssoError(
      name,
      "sso_start_url and sso_region must both be set (in the profile, or in its [sso-session])",
    );
  }
  const base: BaseSource = { kind: "Sso", profile: name, startUrl, region };
  if (sessionName !== undefined) base.sessionName = sessionName;
  if (accountId !== undefined) base.accountId = accountId;
  if (roleName !== undefined) base.roleName = roleName;
  return { source: "sso", base, roles: [], profiles: [name] };
}

function ssoError(profile: string, problem: string): ConfigError {
  return new ConfigError(
    `Invalid SSO configuration in profile "${profile}": ${problem}.`,
    "See `aws configure sso` for the expected settings.",
  );
}

function planStaticKeys(context: PlanContext, file: "credentials" | "config"): ChainPlan {
  const { name, properties } = context;
  const accessKeyId = stringProperty(properties, "aws_access_key_id");
  const secretAccessKey = stringProperty(properties, "aws_secret_access_key");
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const missing = accessKeyId === undefined ? "aws_access_key_id" : "aws_secret_access_key";
    throw new ConfigError(
      `The profile "${name}" is missing ${missing} (partial credentials).`,
      "Set both aws_access_key_id and aws_secret_access_key.",
    );
  }
  const base: BaseSource = { kind: "AccessKey", profile: name, file, accessKeyId, secretAccessKey };
  const sessionToken = nonEmptyProperty(properties, "aws_session_token");
  if (sessionToken !== undefined) base.sessionToken = sessionToken;
  const accountId = nonEmptyProperty(properties, "aws_account_id");
  if (accountId !== undefined) base.accountId = accountId;
  return {
    source: file === "credentials" ? "shared-credentials-file" : "config-file",
    base,
    roles: [],
    profiles: [name],
  };
}

function planSaml({ name, properties }: PlanContext): ChainPlan {
  return {
    source: "custom-process",
    base: { kind: "Saml", profile: name, settings: samlProfileSettings(name, properties) },
    roles: [],
    profiles: [name],
  };
}

function planProcess({ name, properties }: PlanContext): ChainPlan {
  const command = nonEmptyProperty(properties, "credential_process") ?? "";
  const hubName = parseCredoProcessCommand(command);
  if (hubName !== undefined) {
    return {
      source: "custom-process",
      base: { kind: "Hub", profile: name, command, hubName },
      roles: [],
      profiles: [name],
    };
  }
  const base: BaseSource = { kind: "Process", profile: name, command };
  const accountId = nonEmptyProperty(properties, "aws_account_id");
  if (accountId !== undefined) base.accountId = accountId;
  return { source: "custom-process", base, roles: [], profiles: [name] };
}

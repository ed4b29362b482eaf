import { ConfigError } from "../errors.js";
import { ProfileDocument } from "../profile-files/document.js";
import type { SectionRef } from "../profile-files/section-header.js";

/** One section of a team registry, in file order, before the team's prefix. */
export interface RegistrySection {
  ref: SectionRef;
  properties: [key: string, value: string][];
}

/**
 * The keys a registry may set. A shared file must never hand an engineer's
 * machine a command to run (credential_process), a key, or an endpoint to send
 * credentials to: the registry describes where to go, each engineer's vault
 * holds how to get in.
 */
const profileKeys = new Set([
  "role_arn",
  "source_profile",
  "role_session_name",
  "external_id",
  "mfa_serial",
  "duration_seconds",
  "region",
  "output",
  "sso_session",
  "sso_account_id",
  "sso_role_name",
  "sso_start_url",
  "sso_region",
]);
const ssoSessionKeys = new Set(["sso_start_url", "sso_region", "sso_registration_scopes"]);

const valueRules: Record<string, { pattern: RegExp; meaning: string }> = {
  role_arn: {
    pattern: /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
    meaning: "an IAM role ARN",
  },
  mfa_serial: {
    pattern: /^(arn:aws[a-z-]*:iam::\d{12}:mfa\/[\w+=,.@/-]+|[\w+=/:,.@-]{9,256})$/,
    meaning: "an MFA device ARN or serial number",
  },
  region: { pattern: /^[a-z]{2}(-[a-z]+)+-\d+$/, meaning: "a region such as eu-west-1" },
  sso_region: { pattern: /^[a-z]{2}(-[a-z]+)+-\d+$/, meaning: "a region such as eu-west-1" },
  sso_account_id: { pattern: /^\d{12}$/, meaning: "a 12-digit account ID" },
  sso_start_url: { pattern: /^https:\/\/\S+$/, meaning: "an https URL" },
  external_id: { pattern: /^[\w+=,.@:/-]{2,1224}$/, meaning: "an external ID" },
  role_session_name: { pattern: /^[\w+=,.@-]{2,64}$/, meaning: "a role session name" },
};

/**
 * Reads a team registry: the AWS config file format, limited to role and SSO
 * profiles and [sso-session] sections with the keys above. Anything else is
 * refused as a whole, naming the section and key, so a registry either applies
 * entirely or not at all.
 */
export function parseRegistry(text: string, source: string): RegistrySection[] {
  let document: ProfileDocument;
  try {
    document = ProfileDocument.parse(text, "config", source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw invalid(source, error.message.replace(/^Cannot read .*?, (line \d+: .*)\.$/, "$1"));
  }
  const sections: RegistrySection[] = [];
  const seen = new Set<string>();
  for (const section of document.sections()) {
    const line = section.headerLine + 1;
    const header = section.header;
    if (header === undefined) {
      throw invalid(source, `line ${line}: a section the AWS tools would ignore`);
    }
    const label = `${header.kind} ${header.name}`;
    if (header.kind === "services")
      throw invalid(source, `[services ${header.name}]: services sections are not shared`);
    if (header.name === "default")
      throw invalid(source, `[${label}]: the default profile is each engineer's own`);
    if (seen.has(label)) throw invalid(source, `[${label}] appears twice`);
    seen.add(label);
    const allowed = header.kind === "profile" ? profileKeys : ssoSessionKeys;
    const properties: [string, string][] = [];
    for (const property of section.properties) {
      if (!allowed.has(property.key)) {
        throw invalid(source, `[${label}] sets ${property.key}, which a team registry may not set`);
      }
      if (property.hasSubProperties || property.value.includes("\n")) {
        throw invalid(source, `[${label}] ${property.key} has sub-properties`);
      }
      checkValue(source, label, property.key, property.value);
      if (properties.some(([key]) => key === property.key)) {
        throw invalid(source, `[${label}] sets ${property.key} twice`);
      }
      properties.push([property.key, property.value]);
    }
    if (header.kind === "profile") checkProfile(source, label, new Map(properties));
    sections.push({ ref: { kind: header.kind, name: header.name }, properties });
  }
  if (sections.length === 0) throw invalid(source, "it defines no profile");
  return sections;
}

function checkValue(source: string, label: string, key: string, value: string): void {
  if (key === "duration_seconds") {
    const seconds = Number(value);
    if (!/^\d+$/.test(value) || seconds < 900 || seconds > 43_200) {
      throw invalid(source, `[${label}] duration_seconds = ${value} is not 900 to 43200 seconds`);
    }
    return;
  }
  const rule = valueRules[key];
  if (rule !== undefined && !rule.pattern.test(value)) {
    throw invalid(source, `[${label}] ${key} = ${value} is not ${rule.meaning}`);
  }
  if (value === "") throw invalid(source, `[${label}] ${key} is empty`);
}

function checkProfile(source: string, label: string, properties: Map<string, string>): void {
  const isRole = properties.has("role_arn");
  const isSso = properties.has("sso_account_id") || properties.has("sso_role_name");
  if (isRole === isSso) {
    throw invalid(
      source,
      `[${label}] must be a role profile (role_arn) or an SSO profile (sso_account_id, sso_role_name)`,
    );
  }
  if (isRole && !properties.has("source_profile")) {
    throw invalid(
      source,
      `[${label}] has role_arn without source_profile (the hub each engineer adds with \`credo hub add\`)`,
    );
  }
}

function invalid(source: string, reason: string): ConfigError {
  return new ConfigError(
    `The ${source} is not valid: ${reason}.`,
    "Fix the registry in its repository; nothing was changed and the last good copy stays in use.",
  );
}

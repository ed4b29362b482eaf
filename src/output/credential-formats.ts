import { CredoError } from "../errors.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";

export const exportFormats = [
  "env",
  "json",
  "ini",
  "credential-process",
  "powershell",
  "fish",
  "dotenv",
] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportInput {
  credentials: AwsCredentials;
  region: string | undefined;
  /** The section name for the ini format. */
  profile: string;
}

/** The variables every SDK reads, in the order `credo exec` sets them. */
export function credentialVariables(input: ExportInput): [string, string][] {
  const { credentials, region } = input;
  const vars: [string, string][] = [
    ["AWS_ACCESS_KEY_ID", credentials.accessKeyId],
    ["AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey],
  ];
  if (credentials.sessionToken) vars.push(["AWS_SESSION_TOKEN", credentials.sessionToken]);
  if (region) vars.push(["AWS_REGION", region], ["AWS_DEFAULT_REGION", region]);
  if (credentials.expiration) {
    vars.push(["AWS_CREDENTIAL_EXPIRATION", credentials.expiration.toISOString()]);
  }
  return vars;
}

/** The credential_process Version 1 document (the AWS CLI's and SDKs' shape). */
export function credentialProcessDocument(credentials: AwsCredentials): Record<string, unknown> {
  return {
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { SessionToken: credentials.sessionToken } : {}),
    ...(credentials.expiration ? { Expiration: credentials.expiration.toISOString() } : {}),
    ...(credentials.accountId ? { AccountId: credentials.accountId } : {}),
  };
}

export function formatCredentials(format: ExportFormat, input: ExportInput): string {
  const vars = credentialVariables(input);
  switch (format) {
    case "env":
      return vars.map(([k, v]) => `export ${k}=${shellQuote(v)}\n`).join("");
    case "dotenv":
      return vars.map(([k, v]) => `${k}=${dotenvQuote(v)}\n`).join("");
    case "fish":
      return vars.map(([k, v]) => `set -gx ${k} ${fishQuote(v)};\n`).join("");
    case "powershell":
      return vars.map(([k, v]) => `$Env:${k} = ${powershellQuote(v)}\n`).join("");
    case "json":
      return `${JSON.stringify(Object.fromEntries(vars), null, 2)}\n`;
    case "credential-process":
      return `${JSON.stringify(credentialProcessDocument(input.credentials))}\n`;
    case "ini":
      return iniSection(input);
  }
}

function iniSection({ credentials, region, profile }: ExportInput): string {
  const lines = [
    `[${profile}]`,
    `aws_access_key_id = ${credentials.accessKeyId}`,
    `aws_secret_access_key = ${credentials.secretAccessKey}`,
  ];
  if (credentials.sessionToken) lines.push(`aws_session_token = ${credentials.sessionToken}`);
  if (region) lines.push(`region = ${region}`);
  return `${lines.join("\n")}\n`;
}

/** POSIX sh single quotes: nothing inside is special except the quote itself. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function fishQuote(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}

function powershellQuote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * dotenv has no single grammar: node --env-file and python-dotenv read single
 * quotes literally but disagree on escapes inside double quotes. AWS values
 * are base64-like, so single quotes always do; anything else is refused.
 */
function dotenvQuote(value: string): string {
  if (!/['\n\r]/.test(value)) return `'${value}'`;
  if (!/["\\\n\r]/.test(value)) return `"${value}"`;
  throw new CredoError("This value cannot be written safely in dotenv format.", {
    hint: "Use --format env or --format json instead.",
  });
}

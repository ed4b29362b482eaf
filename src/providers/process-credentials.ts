import { CredoError } from "../errors.js";
import type { Env } from "../io/env.js";
import { splitCommandLineOn } from "../io/platform/command-line.js";
import type { OsPlatform } from "../io/platform/os-platform.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { ProcessRunner } from "../io/run-process.js";

export interface ProcessCredentialsRequest {
  profile: string;
  command: string;
  /** The profile's aws_account_id: botocore's fallback when the output has no AccountId. */
  accountId?: string;
  env: Env;
  now: number;
  runProcess: ProcessRunner;
  /** Decides how the command line splits into argv: the Windows C runtime's rules, else POSIX shlex. */
  platform?: OsPlatform;
  timeoutMs?: number;
}

/** Five minutes: long enough for a helper that asks for an MFA code or a hardware key touch. */
const defaultTimeoutMs = 5 * 60 * 1000;

/**
 * credential_process as botocore runs it: split with shlex rules, spawned
 * without a shell, stdout parsed as the Version 1 JSON document
 * (AccessKeyId, SecretAccessKey, optional SessionToken, Expiration, AccountId).
 */
export async function processCredentials(
  request: ProcessCredentialsRequest,
): Promise<AwsCredentials> {
  const argv = splitCommandLineOn(request.platform ?? "linux", request.command);
  const fail = (problem: string, hint: string) =>
    new CredoError(`credential_process of profile "${request.profile}" ${problem}.`, {
      exitCode: "auth",
      hint,
    });
  let result;
  try {
    result = await request.runProcess(argv, {
      env: request.env,
      timeoutMs: request.timeoutMs ?? defaultTimeoutMs,
    });
  } catch (error) {
    throw fail(
      `could not be started (${(error as Error).message})`,
      `Check that \`${argv[0] ?? ""}\` exists and is executable; no shell is used.`,
    );
  }
  if (result.timedOut)
    throw fail(
      "timed out",
      "Check that the command finishes on its own (it is not given a terminal for its output).",
    );
  if (result.exitCode !== 0) {
    const status =
      result.exitCode === null ? `signal ${result.signal ?? "?"}` : `code ${result.exitCode}`;
    throw fail(
      `exited with ${status}${stderrSummary(result.stderr)}`,
      "Run the command by hand to see what failed.",
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(result.stdout);
  } catch {
    throw fail(
      "printed invalid JSON",
      "It must print one JSON object with Version 1 (see the AWS credential_process documentation).",
    );
  }
  if (typeof document !== "object" || document === null)
    throw fail(
      "printed JSON that is not an object",
      "It must print one JSON object with Version 1.",
    );
  const fields = document as Record<string, unknown>;
  if (fields["Version"] !== 1) {
    throw fail(
      `printed an unsupported Version ${JSON.stringify(fields["Version"] ?? null)}`,
      "Only Version 1 is supported.",
    );
  }
  const accessKeyId = fields["AccessKeyId"];
  const secretAccessKey = fields["SecretAccessKey"];
  if (typeof accessKeyId !== "string" || typeof secretAccessKey !== "string") {
    const missing = typeof accessKeyId !== "string" ? "AccessKeyId" : "SecretAccessKey";
    throw fail(`printed JSON without ${missing}`, "AccessKeyId and SecretAccessKey are required.");
  }
  const credentials: AwsCredentials = { accessKeyId, secretAccessKey };
  if (typeof fields["SessionToken"] === "string") credentials.sessionToken = fields["SessionToken"];
  const expiration = fields["Expiration"];
  if (expiration !== undefined && expiration !== null) {
    const at = typeof expiration === "string" ? Date.parse(expiration) : Number.NaN;
    if (Number.isNaN(at))
      throw fail(
        `printed an Expiration that is not an ISO 8601 time`,
        "Use e.g. 2030-01-01T00:00:00Z.",
      );
    if (at <= request.now)
      throw fail(
        `returned credentials that expired at ${new Date(at).toISOString()}`,
        "The helper must return fresh credentials.",
      );
    credentials.expiration = new Date(at);
  }
  const accountId =
    typeof fields["AccountId"] === "string" && fields["AccountId"] !== ""
      ? fields["AccountId"]
      : request.accountId;
  if (accountId !== undefined) credentials.accountId = accountId;
  return credentials;
}

function stderrSummary(stderr: string): string {
  const firstLine = stderr.trim().split("\n")[0]?.trim() ?? "";
  return firstLine === "" ? "" : `: ${firstLine.slice(0, 300)}`;
}

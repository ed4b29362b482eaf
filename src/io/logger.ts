import type { OutputStream } from "./streams.js";

/**
 * The --debug log: each decision (file, profile, source, cache hit or miss,
 * endpoint) on stderr. Callers never pass secrets; redactSecrets is a second
 * line of defence for values that might carry one (URLs, JSON bodies).
 */
export interface Logger {
  readonly enabled: boolean;
  debug(message: string): void;
}

export const silentLogger: Logger = { enabled: false, debug: () => undefined };

export function streamLogger(stream: OutputStream): Logger {
  return { enabled: true, debug: (message) => stream.write(`debug: ${redactSecrets(message)}\n`) };
}

const secretPatterns: RegExp[] = [
  /("?(?:SecretAccessKey|SessionToken|secretAccessKey|sessionToken|accessToken|refreshToken|clientSecret|aws_secret_access_key|aws_session_token|ExternalId|externalId|external_id)"?\s*[:=]\s*"?)[^"\s,}]+/g,
  /(SigninToken=)[^&\s]+/g,
];

export function redactSecrets(text: string): string {
  return secretPatterns.reduce((acc, pattern) => acc.replace(pattern, "$1****"), text);
}

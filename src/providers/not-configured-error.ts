import { CredoError } from "../errors.js";

/**
 * "Not configured here": the chain moves on to its next link, as the SDKs'
 * CredentialsProviderError with `tryNextLink: true` does. Any other error
 * from a link means "configured but broken" and stops the chain.
 */
export class NotConfiguredError extends CredoError {
  readonly tryNextLink = true;

  constructor(message: string, hint?: string) {
    super(message, hint === undefined ? { exitCode: "config" } : { exitCode: "config", hint });
    this.name = "NotConfiguredError";
  }
}

export function isNotConfigured(error: unknown): error is NotConfiguredError {
  return error instanceof NotConfiguredError;
}

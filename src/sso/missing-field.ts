import { CredoError } from "../errors.js";

/** An AWS response without a field the API promises: the endpoint is not IAM Identity Center as credo knows it. */
export function missingField(operation: string, field: string): never {
  throw new CredoError(`The SSO ${operation} response has no ${field}.`, {
    exitCode: "network",
    hint: "Check AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO, or run again with --debug.",
  });
}

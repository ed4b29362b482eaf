/**
 * botocore's method names for the provider that produced credentials
 * (`botocore.session.Session().get_credentials().method`); `credo explain`
 * reports the same names so the two can be compared differentially.
 */
export type CredentialSourceName =
  | "env"
  | "assume-role"
  | "assume-role-with-web-identity"
  | "sso"
  | "shared-credentials-file"
  | "login"
  | "custom-process"
  | "config-file"
  | "container-role"
  | "iam-role"
  | "credo-vault";

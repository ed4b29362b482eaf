import type { IdentityStore } from "./identity-store.js";
import { isoTime, type XmlValue } from "./query-protocol.js";
import { requiredParam } from "./required-param.js";
import { verifySamlAssertion } from "./saml-verification.js";
import { accessDenied, ServiceError, validationError } from "./service-error.js";

/** IAM SAML providers: ARN to the certificate from the provider's metadata. */
export type SamlProviderCertificates = ReadonlyMap<string, string>;

export interface SamlStsDeps {
  store: IdentityStore;
  now: number;
  samlProviders: SamlProviderCertificates;
}

/** AWS's sign-in endpoints for SAML, global and regional, in each partition. */
export function isAwsAcsUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === "https:" &&
      parsed.pathname === "/saml" &&
      /^(?:[a-z0-9-]+\.)?signin\.(?:aws\.amazon\.com|amazonaws-us-gov\.com|amazonaws\.cn)$/.test(
        parsed.hostname,
      )
    );
  } catch {
    return false;
  }
}

/**
 * STS AssumeRoleWithSAML, unsigned: the assertion is the proof. The
 * signature is checked against the named SAML provider's certificate, then
 * audience, recipient and validity window; the Role attribute must pair the
 * requested role with that provider, and the role must trust the provider.
 */
export function assumeRoleWithSaml(params: URLSearchParams, deps: SamlStsDeps): XmlValue {
  const roleArn = requiredParam(params, "RoleArn");
  const principalArn = requiredParam(params, "PrincipalArn");
  const samlAssertion = requiredParam(params, "SAMLAssertion");
  const certificatePem = deps.samlProviders.get(principalArn);
  if (certificatePem === undefined)
    throw new ServiceError(400, "InvalidIdentityToken", "Specified provider doesn't exist");
  const verified = verifySamlAssertion({
    samlAssertion,
    certificatePem,
    acceptsRecipient: isAwsAcsUrl,
    now: deps.now,
  });
  const denied = accessDenied("Not authorized to perform sts:AssumeRoleWithSAML");
  const granted = verified.roles.some((value) => {
    const parts = value.split(",").map((part) => part.trim());
    return parts.length === 2 && parts.includes(roleArn) && parts.includes(principalArn);
  });
  if (!granted) throw denied;
  const role = deps.store.findRole(roleArn);
  if (role === undefined || !role.trustPrincipals.includes(principalArn)) throw denied;
  const raw = params.get("DurationSeconds");
  const duration = raw === null ? 3600 : Number(raw);
  if (!Number.isInteger(duration) || duration < 900 || duration > role.maxSessionDuration) {
    throw validationError(
      duration > role.maxSessionDuration
        ? "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
        : `1 validation error detected: Value '${raw ?? ""}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`,
    );
  }
  const arn = `arn:aws:sts::${role.account}:assumed-role/${role.roleName}/${verified.roleSessionName}`;
  const userId = `${role.roleId}:${verified.roleSessionName}`;
  const session = deps.store.issueSession(
    { kind: "saml", account: role.account, arn, userId, mfa: false, user: undefined },
    duration,
  );
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: isoTime(session.expiresAt),
    },
    AssumedRoleUser: { AssumedRoleId: userId, Arn: arn },
    Subject: verified.subject,
    SubjectType: "persistent",
    Issuer: verified.issuer,
    Audience: "https://signin.aws.amazon.com/saml",
    NameQualifier: Buffer.from(`${verified.issuer}${role.account}${principalArn}`).toString(
      "base64",
    ),
  };
}

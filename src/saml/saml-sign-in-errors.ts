import { awsCallError } from "../aws/aws-error.js";
import { CredoError } from "../errors.js";

const signInAgain = (profile: string) =>
  `Sign in again: \`credo exec ${profile} -- true\` opens the identity provider.`;

/** The assertion named no AWS role: the provider's AWS application sends no Role attribute for this user. */
export function noRolesError(profile: string): CredoError {
  return new CredoError(
    `The identity provider's SAML assertion for profile "${profile}" grants no AWS role (no https://aws.amazon.com/SAML/Attributes/Role values).`,
    {
      exitCode: "config",
      hint: "Ask the provider's administrator to map AWS roles to your user in its AWS application.",
    },
  );
}

/** The configured role is not among the assertion's. */
export function roleNotGrantedError(
  profile: string,
  roleArn: string,
  granted: string[],
): CredoError {
  return new CredoError(
    `The identity provider does not grant role ${roleArn} (profile "${profile}"); it grants ${granted.join(", ")}.`,
    {
      exitCode: "config",
      hint: `Choose one of those with \`credo saml add ${profile} --url URL --role-arn ARN\`, or \`credo saml sync ${profile}\` for a profile per role.`,
    },
  );
}

/** Several roles, no role in the profile and no terminal to ask on. */
export function roleChoiceNeededError(profile: string, granted: string[]): CredoError {
  return new CredoError(
    `The identity provider grants ${granted.length} roles and profile "${profile}" names none, with no terminal to ask on.`,
    {
      exitCode: "config",
      hint: `Name one with \`credo saml add ${profile} --url URL --role-arn ARN\` (roles: ${granted.join(", ")}), or \`credo saml sync ${profile}\`.`,
    },
  );
}

/** AWS's answer to AssumeRoleWithSAML turned into one message: expired, refused, or the generic call failure. */
export function samlExchangeError(error: unknown, profile: string, roleArn: string): CredoError {
  const shape = (error ?? {}) as { name?: string; message?: string };
  const detail = `${shape.name ?? "Error"}: ${(shape.message ?? "").split("\n")[0] ?? ""}`;
  if (shape.name === "ExpiredTokenException") {
    return new CredoError(
      `The SAML assertion for profile "${profile}" had expired when AWS received it (${detail}).`,
      {
        exitCode: "auth",
        hint: `Check this machine's clock, then ${signInAgain(profile).charAt(0).toLowerCase()}${signInAgain(profile).slice(1)}`,
        cause: error,
      },
    );
  }
  const refusals = [
    "InvalidIdentityTokenException",
    "IDPRejectedClaimException",
    "AccessDenied",
    "AccessDeniedException",
    "ValidationError",
    "MalformedPolicyDocumentException",
  ];
  if (shape.name !== undefined && refusals.includes(shape.name)) {
    return new CredoError(
      `AWS refused the SAML assertion for role ${roleArn} (profile "${profile}"): ${detail}.`,
      {
        exitCode: "auth",
        hint: "The role's trust policy must name the SAML provider, and the provider's metadata in IAM must hold the identity provider's current certificate.",
        cause: error,
      },
    );
  }
  return awsCallError(error, `AssumeRoleWithSAML ${roleArn}`);
}

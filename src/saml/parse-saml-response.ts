import { DOMParser } from "@xmldom/xmldom";
import * as xpath from "xpath";
import { CredoError } from "../errors.js";

/** One value of the assertion's Role attribute: the role and the IAM SAML provider that vouches for it. */
export interface SamlRole {
  roleArn: string;
  principalArn: string;
}

export interface ParsedSamlResponse {
  roles: SamlRole[];
  /** The SessionDuration attribute, when the provider sends one. */
  sessionDurationSeconds?: number;
  /** The earliest NotOnOrAfter of the assertion (its conditions or its bearer confirmation). */
  notOnOrAfter?: Date;
}

const roleAttribute = "https://aws.amazon.com/SAML/Attributes/Role";
const sessionDurationAttribute = "https://aws.amazon.com/SAML/Attributes/SessionDuration";
const select = xpath.useNamespaces({ saml: "urn:oasis:names:tc:SAML:2.0:assertion" });

function values(document: Node, expression: string): string[] {
  return (select(expression, document) as Node[]).map((node) => (node.nodeValue ?? "").trim());
}

/**
 * Reads what credo needs from the SAMLResponse the provider posted. The
 * signature is AWS's to check; this only finds the roles to choose from.
 * A Role value is `role_arn,principal_arn` in either order (AWS accepts both).
 */
export function parseSamlResponse(samlResponse: string): ParsedSamlResponse {
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  let malformed = !xml.includes("<");
  const document = new DOMParser({
    errorHandler: (level: string) => {
      if (level !== "warning") malformed = true;
    },
  }).parseFromString(xml, "text/xml") as unknown as Document;
  if (malformed)
    throw new CredoError("The identity provider's SAML response is not well-formed XML.", {
      exitCode: "auth",
      hint: "Sign in again; if it persists, the provider's AWS application is misconfigured.",
    });
  const roles: SamlRole[] = [];
  for (const value of values(
    document,
    `//saml:Assertion/saml:AttributeStatement/saml:Attribute[@Name='${roleAttribute}']/saml:AttributeValue/text()`,
  )) {
    const parts = value.split(",").map((part) => part.trim());
    const roleArn = parts.find((part) => /^arn:[^:]+:iam::\d{12}:role\//.test(part));
    const principalArn = parts.find((part) => /^arn:[^:]+:iam::\d{12}:saml-provider\//.test(part));
    if (parts.length === 2 && roleArn !== undefined && principalArn !== undefined)
      roles.push({ roleArn, principalArn });
  }
  const parsed: ParsedSamlResponse = { roles };
  const duration = values(
    document,
    `//saml:Assertion/saml:AttributeStatement/saml:Attribute[@Name='${sessionDurationAttribute}']/saml:AttributeValue/text()`,
  )[0];
  if (duration !== undefined && /^\d+$/.test(duration))
    parsed.sessionDurationSeconds = Number(duration);
  const ends = values(
    document,
    "//saml:Assertion/saml:Conditions/@NotOnOrAfter | //saml:Assertion/saml:Subject/saml:SubjectConfirmation/saml:SubjectConfirmationData/@NotOnOrAfter",
  )
    .map((value) => Date.parse(value))
    .filter((value) => !Number.isNaN(value));
  if (ends.length > 0) parsed.notOnOrAfter = new Date(Math.min(...ends));
  return parsed;
}

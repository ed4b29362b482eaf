import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import * as xpath from "xpath";
import {
  awsAudiences,
  roleAttributeName,
  roleSessionNameAttributeName,
  samlAssertionNs,
  xmlDsigNs,
} from "./saml-constants.js";
import { ServiceError } from "./service-error.js";

/** What STS takes from an assertion once its signature, audience, recipient and times hold. */
export interface VerifiedAssertion {
  issuer: string;
  subject: string;
  audience: string;
  roles: string[];
  roleSessionName: string;
}

export interface VerificationInput {
  /** The SAMLAssertion parameter: the base64 of the Response the IdP posted. */
  samlAssertion: string;
  certificatePem: string;
  /** ACS URLs the bearer Recipient may name (https://signin.aws.amazon.com/saml and its regional forms). */
  acceptsRecipient(recipient: string): boolean;
  now: number;
}

const invalidToken = (message: string) => new ServiceError(400, "InvalidIdentityToken", message);
const select = xpath.useNamespaces({ saml: samlAssertionNs, ds: xmlDsigNs });

function parse(xml: string): Document | undefined {
  let failed = false;
  const document = new DOMParser({
    errorHandler: (level: string) => {
      if (level !== "warning") failed = true;
    },
  }).parseFromString(xml, "text/xml");
  return failed ? undefined : (document as unknown as Document);
}

function texts(node: Node, expression: string): string[] {
  return (select(expression, node) as Node[]).map((found) => found.nodeValue ?? "");
}

/**
 * The signed Assertion, read only from what the signature covers (the
 * xml-crypto way of avoiding signature wrapping): a signature by the
 * provider's certificate over exactly one Assertion or over the whole Response.
 */
function signedAssertion(xml: string, document: Document, certificatePem: string): Element {
  const signatures = select("//ds:Signature", document) as Node[];
  if (signatures.length !== 1) throw invalidToken("Response signature invalid");
  const verifier = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  let valid = false;
  try {
    verifier.loadSignature(signatures[0]!);
    valid = verifier.checkSignature(xml);
  } catch {
    valid = false;
  }
  const signed = verifier.getSignedReferences();
  if (!valid || signed.length !== 1) throw invalidToken("Response signature invalid");
  const signedDocument = parse(signed[0]!);
  const assertions =
    signedDocument === undefined ? [] : (select("//saml:Assertion", signedDocument) as Element[]);
  if (assertions.length !== 1) throw invalidToken("Response signature invalid");
  return assertions[0]!;
}

function timeAttribute(node: Node, expression: string): number | undefined {
  const value = texts(node, expression)[0];
  return value === undefined ? undefined : Date.parse(value);
}

/** Checks a SAML response as STS AssumeRoleWithSAML does; throws the error STS answers with. */
export function verifySamlAssertion(input: VerificationInput): VerifiedAssertion {
  const xml = Buffer.from(input.samlAssertion, "base64").toString("utf8");
  const document = xml.includes("<") ? parse(xml) : undefined;
  if (document === undefined) throw invalidToken("Invalid SAML response: not well-formed XML");
  const assertion = signedAssertion(xml, document, input.certificatePem);
  const audience = texts(
    assertion,
    "saml:Conditions/saml:AudienceRestriction/saml:Audience/text()",
  );
  const matched = audience.find((value) => awsAudiences.includes(value.trim()));
  if (matched === undefined)
    throw invalidToken(
      `SAML Assertion audience ${audience.join(", ") || "(none)"} does not match https://signin.aws.amazon.com/saml or urn:amazon:webservices`,
    );
  const recipients = texts(
    assertion,
    "saml:Subject/saml:SubjectConfirmation/saml:SubjectConfirmationData/@Recipient",
  );
  if (!recipients.some((recipient) => input.acceptsRecipient(recipient)))
    throw invalidToken(`Invalid Recipient in SAML assertion: ${recipients.join(", ") || "(none)"}`);
  const notBefore = timeAttribute(assertion, "saml:Conditions/@NotBefore");
  if (notBefore !== undefined && !(notBefore <= input.now + 5 * 60_000))
    throw invalidToken("The SAML assertion is not yet valid (NotBefore is in the future)");
  const ends = [
    timeAttribute(assertion, "saml:Conditions/@NotOnOrAfter"),
    timeAttribute(
      assertion,
      "saml:Subject/saml:SubjectConfirmation/saml:SubjectConfirmationData/@NotOnOrAfter",
    ),
  ].filter((value): value is number => value !== undefined);
  if (ends.length === 0 || ends.some((end) => !(input.now < end)))
    throw new ServiceError(
      400,
      "ExpiredTokenException",
      "SAML assertion expired (NotOnOrAfter has passed)",
    );
  const attributeValues = (name: string) =>
    texts(
      assertion,
      `saml:AttributeStatement/saml:Attribute[@Name='${name}']/saml:AttributeValue/text()`,
    ).map((value) => value.trim());
  const roleSessionName = attributeValues(roleSessionNameAttributeName)[0] ?? "";
  if (!/^[a-zA-Z_0-9+=,.@-]{2,64}$/.test(roleSessionName))
    throw invalidToken("RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");
  return {
    issuer: texts(assertion, "saml:Issuer/text()")[0] ?? "",
    subject: texts(assertion, "saml:Subject/saml:NameID/text()")[0] ?? "",
    audience: matched,
    roles: attributeValues(roleAttributeName),
    roleSessionName,
  };
}

import { randomUUID } from "node:crypto";
import { SignedXml } from "xml-crypto";
import { escapeMarkup } from "./http-response.js";
import {
  roleAttributeName,
  roleSessionNameAttributeName,
  samlAssertionNs,
  samlProtocolNs,
  sessionDurationAttributeName,
} from "./saml-constants.js";
import type { SamlSigningKey } from "./saml-signing-key.js";

export interface SamlResponseInput {
  issuer: string;
  /** Where the browser posts the response (Destination and the bearer Recipient). */
  acsUrl: string;
  audience: string;
  nameId: string;
  /** `role_arn,principal_arn` values of the Role attribute. */
  roles: readonly string[];
  roleSessionName: string;
  sessionDurationSeconds: number | undefined;
  issuedAt: number;
  /** How long the assertion may be redeemed (NotOnOrAfter = issuedAt + this). */
  validForMs: number;
  key: SamlSigningKey;
}

const time = (epochMs: number) => new Date(epochMs).toISOString();

function attribute(name: string, values: readonly string[]): string {
  const valueXml = values
    .map((value) => `<saml:AttributeValue>${escapeMarkup(value)}</saml:AttributeValue>`)
    .join("");
  return `<saml:Attribute Name="${escapeMarkup(name)}">${valueXml}</saml:Attribute>`;
}

/**
 * A SAML 2.0 Response whose Assertion is signed (enveloped XML-DSig,
 * exclusive C14N, RSA-SHA256) as the common IdPs sign for AWS.
 */
export function signedSamlResponse(input: SamlResponseInput): string {
  const assertionId = `_${randomUUID()}`;
  const issued = time(input.issuedAt);
  const notOnOrAfter = time(input.issuedAt + input.validForMs);
  const attributes = [
    attribute(roleAttributeName, input.roles),
    attribute(roleSessionNameAttributeName, [input.roleSessionName]),
    ...(input.sessionDurationSeconds === undefined
      ? []
      : [attribute(sessionDurationAttributeName, [String(input.sessionDurationSeconds)])]),
  ].join("");
  const assertion =
    `<saml:Assertion xmlns:saml="${samlAssertionNs}" ID="${assertionId}" Version="2.0" IssueInstant="${issued}">` +
    `<saml:Issuer>${escapeMarkup(input.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${escapeMarkup(input.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${escapeMarkup(input.acsUrl)}"/>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${issued}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml:AudienceRestriction><saml:Audience>${escapeMarkup(input.audience)}</saml:Audience></saml:AudienceRestriction>` +
    `</saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${issued}" SessionIndex="${assertionId}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>` +
    `</saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
    `</saml:Assertion>`;
  const response =
    `<samlp:Response xmlns:samlp="${samlProtocolNs}" ID="_${randomUUID()}" Version="2.0" IssueInstant="${issued}" Destination="${escapeMarkup(input.acsUrl)}">` +
    `<saml:Issuer xmlns:saml="${samlAssertionNs}">${escapeMarkup(input.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `${assertion}</samlp:Response>`;
  const signer = new SignedXml({
    privateKey: input.key.privateKeyPem,
    publicCert: input.key.certificatePem,
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  });
  signer.addReference({
    xpath: `//*[local-name(.)='Assertion']`,
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    transforms: [
      "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
      "http://www.w3.org/2001/10/xml-exc-c14n#",
    ],
  });
  // SAML's schema puts the Signature right after the Assertion's Issuer.
  signer.computeSignature(response, {
    prefix: "ds",
    location: {
      reference: `//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']`,
      action: "after",
    },
  });
  return signer.getSignedXml();
}

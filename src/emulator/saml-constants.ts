/** The namespaces and names an AWS SAML response uses (IAM User Guide, "Configuring SAML assertions"). */
export const samlProtocolNs = "urn:oasis:names:tc:SAML:2.0:protocol";
export const samlAssertionNs = "urn:oasis:names:tc:SAML:2.0:assertion";
export const xmlDsigNs = "http://www.w3.org/2000/09/xmldsig#";
export const roleAttributeName = "https://aws.amazon.com/SAML/Attributes/Role";
export const roleSessionNameAttributeName =
  "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
export const sessionDurationAttributeName =
  "https://aws.amazon.com/SAML/Attributes/SessionDuration";
/** The audiences AWS accepts for its sign-in service provider. */
export const awsAudiences = ["https://signin.aws.amazon.com/saml", "urn:amazon:webservices"];
export const awsAcsUrl = "https://signin.aws.amazon.com/saml";

/**
 * Whether a URL is where identity providers post SAML responses for AWS:
 * https://signin.aws.amazon.com/saml, its regional forms
 * (https://REGION.signin.aws.amazon.com/saml) and the other partitions'.
 */
export function isAwsSamlEndpoint(url: URL): boolean {
  return (
    url.protocol === "https:" &&
    url.pathname === "/saml" &&
    /^(?:[a-z0-9-]+\.)?signin\.(?:aws\.amazon\.com|amazonaws-us-gov\.com|amazonaws\.cn)$/.test(
      url.hostname,
    )
  );
}

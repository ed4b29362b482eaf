import { join } from "node:path";

/** The browser profile credo keeps for a SAML profile's sign-ins: CREDO_HOME/saml-browser/<name> (0700). */
export function samlBrowserProfileDir(credoHome: string, browserProfile: string): string {
  return join(credoHome, "saml-browser", encodeURIComponent(browserProfile));
}

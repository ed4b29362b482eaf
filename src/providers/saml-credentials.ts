import { resolveCredoHome } from "../profile-files/locations.js";
import type { ChainContext } from "./chain-context.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { BaseSource } from "./plan-chain.js";
import { samlSessionKeyParts } from "./session-key-parts.js";

type SamlSource = Extract<BaseSource, { kind: "Saml" }>;

/**
 * A SAML profile's credentials, cached like every STS session: the cache's
 * single flight means many concurrent callers cause one browser sign-in.
 * The browser code (playwright-core) loads only on a cache miss.
 */
export async function samlCredentials(
  source: SamlSource,
  context: ChainContext,
): Promise<AwsCredentials> {
  const keyParts = samlSessionKeyParts(source.settings, context.sts);
  const { credentials, fromCache } = await context.cache.getOrFetch(keyParts, async () => {
    const { signInWithSaml } = await import("../saml/sign-in-with-saml.js");
    return signInWithSaml(source.settings, {
      env: context.env,
      platform: nodePlatform(context.platform),
      credoHome: resolveCredoHome({ env: context.env, homedir: context.homedir }),
      clock: context.clock,
      logger: context.logger,
      sts: context.sts,
      select: context.selectPrompt(),
      browser: context.samlBrowser,
    });
  });
  context.logger.debug(`SAML session of ${source.profile}: ${fromCache ? "cache hit" : "fetched"}`);
  return credentials;
}

function nodePlatform(platform: ChainContext["platform"]): NodeJS.Platform {
  return platform === "windows" ? "win32" : platform === "macos" ? "darwin" : "linux";
}

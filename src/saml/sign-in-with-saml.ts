import type { AwsCallContext } from "../aws/aws-call-context.js";
import { assumeRoleWithSaml } from "../aws/sts.js";
import type { Clock } from "../io/clock.js";
import { childEnvironment } from "../io/child-environment.js";
import type { Env } from "../io/env.js";
import type { Logger } from "../io/logger.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import { captureSamlResponse, type SamlBrowser } from "./capture-saml-response.js";
import { chooseSamlRole, type SelectPrompt } from "./choose-saml-role.js";
import { chromiumExecutable } from "./chromium-executable.js";
import { parseSamlResponse, type ParsedSamlResponse } from "./parse-saml-response.js";
import { samlBrowserProfileDir } from "./saml-browser-profile.js";
import type { SamlProfileSettings } from "./saml-profile-settings.js";
import { writeSamlRoles } from "./saml-roles-record.js";
import { noRolesError, samlExchangeError } from "./saml-sign-in-errors.js";
import { samlSignInWindow } from "./saml-sign-in-window.js";

export interface SamlSignInDeps {
  env: Env;
  platform: NodeJS.Platform;
  credoHome: string;
  clock: Clock;
  logger: Logger;
  sts: AwsCallContext;
  /** A picker on the terminal, when there is one. */
  select: SelectPrompt | undefined;
  /** The browser the sign-in runs in (captureSamlResponse unless given). */
  browser?: SamlBrowser | undefined;
}

/** The provider's assertion through the browser, parsed, its roles recorded for `saml roles` and `saml sync`. */
export async function receiveSamlAssertion(
  settings: SamlProfileSettings,
  deps: Omit<SamlSignInDeps, "sts" | "select">,
): Promise<{ samlResponse: string; parsed: ParsedSamlResponse }> {
  const browser = deps.browser ?? captureSamlResponse;
  const samlResponse = await browser({
    url: settings.url,
    userDataDir: samlBrowserProfileDir(deps.credoHome, settings.browserProfile),
    executablePath: chromiumExecutable(deps.env, deps.platform),
    browserEnv: childEnvironment(deps.env),
    window: samlSignInWindow(deps.env, deps.platform),
    profile: settings.profile,
    logger: deps.logger,
  });
  const parsed = parseSamlResponse(samlResponse);
  await writeSamlRoles(deps.credoHome, settings.browserProfile, parsed.roles, deps.clock.now());
  return { samlResponse, parsed };
}

/**
 * One SAML sign-in: the provider's assertion through the browser, its roles
 * recorded, one role chosen, and AssumeRoleWithSAML for its credentials.
 */
export async function signInWithSaml(
  settings: SamlProfileSettings,
  deps: SamlSignInDeps,
): Promise<AwsCredentials> {
  const { samlResponse, parsed } = await receiveSamlAssertion(settings, deps);
  if (parsed.roles.length === 0) throw noRolesError(settings.profile);
  const role = await chooseSamlRole(settings.profile, settings.roleArn, parsed.roles, deps.select);
  const durationSeconds = settings.durationSeconds ?? parsed.sessionDurationSeconds;
  deps.logger.debug(
    `calling STS AssumeRoleWithSAML for ${role.roleArn} (profile ${settings.profile})`,
  );
  try {
    return await assumeRoleWithSaml(deps.sts, {
      roleArn: role.roleArn,
      principalArn: role.principalArn,
      samlAssertion: samlResponse,
      ...(durationSeconds === undefined ? {} : { durationSeconds }),
    });
  } catch (error) {
    throw samlExchangeError(error, settings.profile, role.roleArn);
  }
}

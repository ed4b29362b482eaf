import type { AppContext } from "../context.js";
import { filePlatformOf, loadProfileSet, resolveCredoHome } from "../profile-files/index.js";
import type { LoadedProfileFiles } from "../profile-files/index.js";
import type { SamlRole } from "../saml/parse-saml-response.js";
import { samlProfileSettings, type SamlProfileSettings } from "../saml/saml-profile-settings.js";
import { readSamlRoles } from "../saml/saml-roles-record.js";
import { noRolesError } from "../saml/saml-sign-in-errors.js";

export interface SamlProfileRoles {
  loaded: LoadedProfileFiles;
  settings: SamlProfileSettings;
  roles: SamlRole[];
}

/**
 * The roles a SAML profile's provider grants: those of the last assertion,
 * or (none yet, or `refresh`) those of a new sign-in through the browser.
 */
export async function samlProfileRoles(
  name: string,
  refresh: boolean,
  ctx: AppContext,
): Promise<SamlProfileRoles> {
  const loaded = await loadProfileSet({
    env: ctx.env,
    files: ctx.files,
    homedir: ctx.homedir,
    platform: filePlatformOf(ctx.platform),
  });
  const settings = samlProfileSettings(name, loaded.profileSet.profiles[name]);
  const credoHome = resolveCredoHome({ env: ctx.env, homedir: ctx.homedir });
  let roles = refresh
    ? undefined
    : (await readSamlRoles(credoHome, settings.browserProfile, ctx.files))?.roles;
  if (roles === undefined) {
    const { receiveSamlAssertion } = await import("../saml/sign-in-with-saml.js");
    const { parsed } = await receiveSamlAssertion(settings, {
      env: ctx.env,
      platform: ctx.platform,
      credoHome,
      clock: ctx.clock,
      logger: ctx.logger,
      browser: ctx.samlBrowser,
    });
    roles = parsed.roles;
  }
  if (roles.length === 0) throw noRolesError(name);
  return { loaded, settings, roles };
}

/** `credo saml roles NAME`: the roles granted, one `role_arn provider_arn` line each. */
export async function runSamlRoles(
  options: { name: string; refresh: boolean; json: boolean },
  ctx: AppContext,
): Promise<number> {
  const { roles } = await samlProfileRoles(options.name, options.refresh, ctx);
  ctx.io.out.write(
    options.json
      ? `${JSON.stringify(roles, null, 2)}\n`
      : roles.map((role) => `${role.roleArn}  ${role.principalArn}\n`).join(""),
  );
  return 0;
}

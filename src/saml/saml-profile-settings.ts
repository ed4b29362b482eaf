import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { ConfigError } from "../errors.js";
import type { Properties } from "../profile-files/types.js";

/**
 * A SAML profile's settings, under credo_saml_* keys so that no AWS tool
 * reads them: the tools see only `credential_process = credo process NAME`.
 */
export const samlSettingKeys = {
  url: "credo_saml_url",
  roleArn: "credo_saml_role_arn",
  duration: "credo_saml_duration",
  /** The browser profile (and so the identity provider's session) this profile shares; its own name by default. */
  browserProfile: "credo_saml_browser_profile",
} as const;

export interface SamlProfileSettings {
  profile: string;
  /** The identity provider's AWS application URL (where the sign-in starts). */
  url: string;
  roleArn?: string;
  durationSeconds?: number;
  browserProfile: string;
}

export function isSamlProfile(properties: Properties | undefined): boolean {
  return nonEmptyProperty(properties, samlSettingKeys.url) !== undefined;
}

export function samlProfileSettings(
  profile: string,
  properties: Properties | undefined,
): SamlProfileSettings {
  const url = nonEmptyProperty(properties, samlSettingKeys.url);
  if (url === undefined)
    throw new ConfigError(
      `The profile "${profile}" is not a SAML profile (it has no ${samlSettingKeys.url}).`,
      `Add one with \`credo saml add ${profile} --url IDP_APP_URL\`.`,
    );
  const settings: SamlProfileSettings = {
    profile,
    url,
    browserProfile: nonEmptyProperty(properties, samlSettingKeys.browserProfile) ?? profile,
  };
  const roleArn = nonEmptyProperty(properties, samlSettingKeys.roleArn);
  if (roleArn !== undefined) settings.roleArn = roleArn;
  const duration = nonEmptyProperty(properties, samlSettingKeys.duration);
  if (duration !== undefined) {
    if (!/^\d+$/.test(duration))
      throw new ConfigError(
        `The profile "${profile}" has ${samlSettingKeys.duration} = ${duration}, which is not a number of seconds.`,
        "Use a whole number of seconds from 900 to 43200.",
      );
    settings.durationSeconds = Number(duration);
  }
  return settings;
}

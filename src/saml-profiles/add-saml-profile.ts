import type { AppContext } from "../context.js";
import { ConfigError, UsageError } from "../errors.js";
import { credoProcessCommand } from "../hub/credo-command.js";
import { editConfigFile } from "../profile-files/edit-config-file.js";
import { filePlatformOf, isValidIdentifier, loadProfileSet } from "../profile-files/index.js";
import { profileSetOf } from "../profile-files/profile-set.js";
import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { managedKey } from "../sso/sync-plan.js";
import { samlSettingKeys } from "../saml/saml-profile-settings.js";

export const samlManagedMarker = "saml";

export interface SamlAddOptions {
  name: string;
  url: string;
  roleArn?: string | undefined;
  duration?: string | undefined;
  region?: string | undefined;
}

/** Checks every option before anything is written; each bad one is a usage error of its own. */
export function samlProfileProperties(options: SamlAddOptions): [string, string][] {
  if (!isValidIdentifier(options.name))
    throw new UsageError(
      `"${options.name}" is not a valid profile name.`,
      "Use letters, digits and _ - / . % @ : +",
    );
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new UsageError(
      `--url ${options.url} is not a URL.`,
      "Give the identity provider's AWS application URL (https://...).",
    );
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback))
    throw new UsageError(
      `--url must be an https URL (got ${url.protocol.replace(":", "")}).`,
      "Identity providers serve their AWS application over https.",
    );
  const properties: [string, string][] = [
    ["credential_process", credoProcessCommand(options.name)],
    [samlSettingKeys.url, url.toString()],
  ];
  if (options.roleArn !== undefined) {
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(options.roleArn))
      throw new UsageError(
        `--role-arn ${options.roleArn} is not an IAM role ARN.`,
        "Use arn:aws:iam::ACCOUNT:role/NAME (see `credo saml roles NAME` for the roles the provider grants).",
      );
    properties.push([samlSettingKeys.roleArn, options.roleArn]);
  }
  if (options.duration !== undefined) {
    const seconds = Number(options.duration);
    if (!/^\d+$/.test(options.duration) || seconds < 900 || seconds > 43_200)
      throw new UsageError(
        `--duration ${options.duration} is not a number of seconds from 900 to 43200.`,
        "AWS allows sessions of 15 minutes to 12 hours (up to the role's maximum).",
      );
    properties.push([samlSettingKeys.duration, String(seconds)]);
  }
  if (options.region !== undefined) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(options.region))
      throw new UsageError(
        `--region ${options.region} is not an AWS region.`,
        "For example eu-west-1.",
      );
    properties.push(["region", options.region]);
  }
  properties.push([managedKey, samlManagedMarker]);
  return properties;
}

/**
 * `credo saml add`: a managed profile every AWS tool can use
 * (`credential_process = credo process NAME`), its settings under
 * credo_saml_*. A profile credo did not write is never overwritten.
 */
export async function runSamlAdd(options: SamlAddOptions, ctx: AppContext): Promise<number> {
  const properties = samlProfileProperties(options);
  const loaded = await loadProfileSet({
    env: ctx.env,
    files: ctx.files,
    homedir: ctx.homedir,
    platform: filePlatformOf(ctx.platform),
  });
  const configFile = loaded.locations.configFile;
  const { written } = await editConfigFile(
    configFile,
    false,
    (document) => {
      const ref = { kind: "profile" as const, name: options.name };
      const existing = profileSetOf(document).configFileProfiles[options.name];
      if (existing !== undefined && nonEmptyProperty(existing, managedKey) !== samlManagedMarker)
        throw new ConfigError(
          `The profile "${options.name}" already exists in ${configFile} and credo did not write it.`,
          "Choose another name, or remove that profile first.",
        );
      if (existing === undefined) {
        document.addSection(ref, Object.fromEntries(properties));
        return;
      }
      const keep = new Set(properties.map(([key]) => key));
      for (const key of Object.values(samlSettingKeys))
        if (!keep.has(key) && key !== samlSettingKeys.browserProfile)
          document.removeProperty(ref, key);
      for (const [key, value] of properties) document.setProperty(ref, key, value);
    },
    ctx.files,
  );
  ctx.io.err.write(
    written
      ? `SAML profile ${options.name} written to ${configFile}. Any AWS tool can use it: --profile ${options.name}.\n`
      : `SAML profile ${options.name} is already as asked in ${configFile}.\n`,
  );
  return 0;
}

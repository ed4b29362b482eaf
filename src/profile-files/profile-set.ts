import type { ProfileDocument } from "./document.js";
import { isValidIdentifier } from "./identifier.js";
import { parseSubProperties } from "./parse-sub-properties.js";
import type { ScannedSection } from "./scan-profile-lines.js";
import type { FileKind, SectionKind } from "./section-header.js";
import type { BotocoreOnlyFileLine, ProfileSet, Properties, PropertyValue } from "./types.js";

export interface ProfileSetOptions {
  /**
   * "nested" (default) turns `s3 =\n  x = y` into `{ s3: { x: "y" } }` as
   * botocore and the SEP do; "raw" keeps "\nx = y" as smithy-rs does and as
   * botocore's `raw_config_parse(parse_subsections=False)` does.
   */
  subProperties?: "nested" | "raw";
  /**
   * "botocore" (default) also reads the sections only botocore names
   * (`[profile "personal"]`, `[my team]` in the credentials file), as credo
   * follows the AWS CLI, and splits `key : value` at the ':'; "sep" reads as
   * the SDKs that follow the profile-file SEP do (the parser conformance
   * suite): they skip those sections, split properties at '=' only, end lines
   * only at "\n", and refuse `key : value` (this throws ConfigError then).
   */
  reading?: "botocore" | "sep";
}

type MutableSections = Map<string, Map<string, PropertyValue>>;

/**
 * The typed view the SDKs see. Within a file, duplicate sections merge and the
 * last definition of a key wins; in the config file `[profile default]`
 * replaces every `[default]` (parser suite: "Default profile with profile
 * prefix overrides default profile without prefix"); then credentials-file
 * properties override config-file ones, key by key. Records have no
 * prototype, so a profile named "constructor" is just a profile.
 */
export function profileSetOf(
  config?: ProfileDocument,
  credentials?: ProfileDocument,
  options: ProfileSetOptions = {},
): ProfileSet {
  const nested = options.subProperties !== "raw";
  const read = (document: ProfileDocument | undefined) =>
    (document?.sections(options.reading) ?? []).filter(
      (section) => options.reading !== "sep" || section.header?.botocoreOnly !== true,
    );
  const configSections = read(config);
  const credentialsSections = read(credentials);
  const configFileProfiles = collect(configSections, "profile", nested);
  const credentialsFileProfiles = collect(credentialsSections, "profile", nested);
  const merged: MutableSections = new Map();
  for (const source of [configFileProfiles, credentialsFileProfiles]) {
    for (const [name, properties] of source) {
      const target = merged.get(name) ?? new Map<string, PropertyValue>();
      for (const [key, value] of properties) target.set(key, value);
      merged.set(name, target);
    }
  }
  return {
    profiles: recordOf(merged),
    configFileProfiles: recordOf(configFileProfiles),
    credentialsFileProfiles: recordOf(credentialsFileProfiles),
    ssoSessions: recordOf(collect(configSections, "sso-session", nested)),
    services: recordOf(collect(configSections, "services", nested)),
    readOnlyByBotocore: [
      ...botocoreOnlyLines(configSections, "config"),
      ...botocoreOnlyLines(credentialsSections, "credentials"),
    ],
  };
}

function collect(
  sections: readonly ScannedSection[],
  kind: SectionKind,
  nested: boolean,
): MutableSections {
  const hasPrefixedDefault = sections.some(
    (section) =>
      section.header?.kind === "profile" &&
      section.header.name === "default" &&
      !section.header.unprefixedDefault,
  );
  const result: MutableSections = new Map();
  for (const { header, properties } of sections) {
    if (header?.kind !== kind || (header.unprefixedDefault && hasPrefixedDefault)) continue;
    const target = result.get(header.name) ?? new Map<string, PropertyValue>();
    result.set(header.name, target);
    for (const property of properties) {
      if (!isValidIdentifier(property.key)) continue;
      target.set(
        property.key,
        property.hasSubProperties && nested ? parseSubProperties(property.value) : property.value,
      );
    }
  }
  return result;
}

function recordOf(sections: MutableSections): Readonly<Record<string, Properties>> {
  const record: Record<string, Properties> = Object.create(null) as Record<string, Properties>;
  for (const [name, properties] of sections) {
    const values: Record<string, PropertyValue> = Object.create(null) as Record<
      string,
      PropertyValue
    >;
    for (const [key, value] of properties) values[key] = value;
    record[name] = values;
  }
  return record;
}

function botocoreOnlyLines(
  sections: readonly ScannedSection[],
  file: FileKind,
): BotocoreOnlyFileLine[] {
  return sections.flatMap((section) =>
    section.readOnlyByBotocore.map(({ line, sepReading }) => ({
      file,
      line: line + 1,
      sepReading,
    })),
  );
}

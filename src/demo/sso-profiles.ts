import { ProfileDocument } from "../profile-files/index.js";

export interface SyncedProfile {
  name: string;
  accountId: string;
  roleName: string;
}

/**
 * The profiles `credo sso sync` manages in a config file (marked
 * `credo_managed = sso-sync:<session>`), and their sections' text, so the
 * demo can show what the sync wrote without the rest of the file.
 */
export function ssoProfilesIn(configText: string): { profiles: SyncedProfile[]; text: string } {
  const lines = configText.split("\n");
  const profiles: SyncedProfile[] = [];
  const sections: string[] = [];
  for (const section of ProfileDocument.parse(configText, "config").sections()) {
    const value = (key: string) => section.properties.find((p) => p.key === key)?.value ?? "";
    if (section.header?.kind !== "profile" || !value("credo_managed").startsWith("sso-sync"))
      continue;
    profiles.push({
      name: section.header.name,
      accountId: value("sso_account_id"),
      roleName: value("sso_role_name"),
    });
    sections.push(lines.slice(section.headerLine, section.lastContentLine + 1).join("\n"));
  }
  return { profiles, text: sections.join("\n\n") };
}

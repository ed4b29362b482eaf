import { ConfigError } from "../errors.js";
import type { ProfileDocument } from "../profile-files/document.js";
import { profileSetOf } from "../profile-files/profile-set.js";
import type { SectionRef } from "../profile-files/section-header.js";
import type { Properties } from "../profile-files/types.js";
import { managedKey } from "../sso/sync-plan.js";
import type { RegistrySection } from "./registry-file.js";

/** The `credo_managed` value of the sections a team's sync writes. */
export function teamMarker(team: string): string {
  return `team:${team}`;
}

/** "profile dev" or "sso-session corp": how a section is named in messages and summaries. */
export function sectionLabel(ref: SectionRef): string {
  return `${ref.kind} ${ref.name}`;
}

export interface TeamSyncPlan {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
  /** Registry sections whose name is held by a section credo's sync did not write: the user's wins. */
  conflicts: string[];
}

export interface TeamSyncInput {
  team: string;
  prefix: string;
  sections: readonly RegistrySection[];
  /** Remove more than half of the team's profiles anyway. */
  force: boolean;
}

const managedComment = (team: string) =>
  `Managed by \`credo team sync ${team}\`: change the team's registry, not this section.`;

/**
 * Plans the sync against the config file as it is (under its lock) and applies
 * it to the document: sections marked `credo_managed = team:NAME` are updated
 * or removed, sections the registry adds are appended, and any other section
 * is never touched. Throws, changing nothing, when the registry would remove
 * more than half of the team's profiles and `force` is off.
 */
export function applyTeamSync(document: ProfileDocument, input: TeamSyncInput): TeamSyncPlan {
  const marker = teamMarker(input.team);
  const wanted = prefixedSections(input.sections, input.prefix, marker);
  const existing = existingSections(document);
  const plan: TeamSyncPlan = { added: [], changed: [], removed: [], unchanged: [], conflicts: [] };
  const isOurs = (properties: Properties | undefined) => properties?.[managedKey] === marker;

  const wantedLabels = new Set(wanted.map((section) => sectionLabel(section.ref)));
  const ours = [...existing].filter(([, entry]) => isOurs(entry.properties));
  const removed = ours.filter(([label]) => !wantedLabels.has(label));
  const ourProfiles = ours.filter(([, entry]) => entry.ref.kind === "profile").length;
  const removedProfiles = removed.filter(([, entry]) => entry.ref.kind === "profile").length;
  if (!input.force && ourProfiles > 0 && removedProfiles * 2 > ourProfiles) {
    throw new ConfigError(
      `The registry of team ${input.team} would remove ${removedProfiles} of its ${ourProfiles} profiles; nothing was changed.`,
      `Check the registry; if the removal is meant, run \`credo team sync ${input.team} --force\`.`,
    );
  }
  for (const [label, entry] of removed) {
    document.removeSection(entry.ref);
    plan.removed.push(label);
  }
  for (const section of wanted) {
    const label = sectionLabel(section.ref);
    const current = existing.get(label);
    if (current !== undefined && !isOurs(current.properties)) {
      plan.conflicts.push(label);
      continue;
    }
    if (current === undefined) {
      document.addSection(section.ref, Object.fromEntries(section.properties), {
        comments: [managedComment(input.team)],
      });
      plan.added.push(label);
      continue;
    }
    if (sameProperties(current.properties, section.properties)) {
      plan.unchanged.push(label);
      continue;
    }
    for (const [key, value] of section.properties) document.setProperty(section.ref, key, value);
    const keys = new Set(section.properties.map(([key]) => key));
    for (const key of Object.keys(current.properties)) {
      if (!keys.has(key)) document.removeProperty(section.ref, key);
    }
    plan.changed.push(label);
  }
  return plan;
}

/**
 * The registry's sections as written into the config: names (and the
 * references between the registry's own sections) get the prefix; a
 * source_profile naming a section outside the registry (the hub) stays as it is.
 */
export function prefixedSections(
  sections: readonly RegistrySection[],
  prefix: string,
  marker: string,
): RegistrySection[] {
  const names = (kind: string) =>
    new Set(sections.filter((s) => s.ref.kind === kind).map((s) => s.ref.name));
  const profiles = names("profile");
  const sessions = names("sso-session");
  return sections.map(({ ref, properties }) => ({
    ref: { kind: ref.kind, name: `${prefix}${ref.name}` },
    properties: [
      ...properties.map(([key, value]): [string, string] => {
        if (key === "source_profile" && profiles.has(value)) return [key, `${prefix}${value}`];
        if (key === "sso_session" && sessions.has(value)) return [key, `${prefix}${value}`];
        return [key, value];
      }),
      [managedKey, marker],
    ],
  }));
}

interface ExistingSection {
  ref: SectionRef;
  properties: Properties;
}

function existingSections(document: ProfileDocument): Map<string, ExistingSection> {
  const set = profileSetOf(document);
  const result = new Map<string, ExistingSection>();
  for (const [name, properties] of Object.entries(set.configFileProfiles)) {
    const ref: SectionRef = { kind: "profile", name };
    result.set(sectionLabel(ref), { ref, properties });
  }
  for (const [name, properties] of Object.entries(set.ssoSessions)) {
    const ref: SectionRef = { kind: "sso-session", name };
    result.set(sectionLabel(ref), { ref, properties });
  }
  return result;
}

function sameProperties(existing: Properties, wanted: readonly [string, string][]): boolean {
  return (
    Object.keys(existing).length === wanted.length &&
    wanted.every(([key, value]) => existing[key] === value)
  );
}

/** The team's sections in a config: what `credo policy --team` and `credo list` read. */
export function teamSections(document: ProfileDocument, team: string): ExistingSection[] {
  const marker = teamMarker(team);
  return [...existingSections(document).values()].filter(
    (entry) => entry.properties[managedKey] === marker,
  );
}

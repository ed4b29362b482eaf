import type { ListedProfile } from "./list-profiles.js";
import { sessionLabel } from "./session-label.js";

/**
 * Hubs (and every other root) with the profiles whose source_profile points
 * at them hanging below, recursively: the chains the SDKs walk. A profile
 * whose source_profile is missing stays at the root, marked; profiles caught
 * in a cycle are listed after the roots, marked, so nothing is left out.
 */
export function formatProfileTree(profiles: readonly ListedProfile[], now: number): string {
  const names = new Set(profiles.map((profile) => profile.name));
  const children = new Map<string, ListedProfile[]>();
  const roots: ListedProfile[] = [];
  for (const profile of profiles) {
    const parent = profile.sourceProfile;
    if (parent === undefined || parent === profile.name || !names.has(parent)) roots.push(profile);
    else children.set(parent, [...(children.get(parent) ?? []), profile]);
  }
  const lines: string[] = [];
  const drawn = new Set<string>();
  const draw = (profile: ListedProfile, prefix: string, branch: string, note = "") => {
    drawn.add(profile.name);
    lines.push(`${prefix}${branch}${describe(profile, now)}${note}`);
    // A cycle drawn from one of its members must stop where it comes back round.
    const below = (children.get(profile.name) ?? []).filter((child) => !drawn.has(child.name));
    const childPrefix = prefix + (branch === "" ? "" : branch === "└── " ? "    " : "│   ");
    below.forEach((child, index) =>
      draw(child, childPrefix, index === below.length - 1 ? "└── " : "├── "),
    );
  };
  for (const root of roots) {
    const missing = root.sourceProfile !== undefined && !names.has(root.sourceProfile);
    draw(root, "", "", missing ? `  [source_profile ${root.sourceProfile} is missing]` : "");
  }
  for (const profile of profiles) {
    if (!drawn.has(profile.name)) draw(profile, "", "", "  [source_profile cycle]");
  }
  return lines.join("\n") + (lines.length > 0 ? "\n" : "");
}

function describe(profile: ListedProfile, now: number): string {
  const details = [profile.kind, profile.account, profile.role, profile.region].filter(
    (part) => part !== undefined,
  );
  return `${profile.name} (${details.join(", ")}) ${sessionLabel(profile.session, now)}`;
}

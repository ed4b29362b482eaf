import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic-write.js";
import type { FileReader } from "../io/file-system.js";
import type { SamlRole } from "./parse-saml-response.js";

/**
 * The roles of the last assertion a SAML profile received, kept for
 * `credo saml roles` and `credo saml sync` (the assertion itself is a bearer
 * secret and is never stored): CREDO_HOME/saml/<profile>.json.
 */
export function samlRolesPath(credoHome: string, profile: string): string {
  return join(credoHome, "saml", `${encodeURIComponent(profile)}.json`);
}

export interface SamlRolesRecord {
  roles: SamlRole[];
  receivedAt: string;
}

export async function writeSamlRoles(
  credoHome: string,
  profile: string,
  roles: readonly SamlRole[],
  now: number,
): Promise<void> {
  const record: SamlRolesRecord = { roles: [...roles], receivedAt: new Date(now).toISOString() };
  await writeFileAtomic(samlRolesPath(credoHome, profile), `${JSON.stringify(record, null, 2)}\n`, {
    secret: false,
    exitCode: "config",
  });
}

export async function readSamlRoles(
  credoHome: string,
  profile: string,
  files: FileReader,
): Promise<SamlRolesRecord | undefined> {
  const text = await files.readText(samlRolesPath(credoHome, profile));
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<SamlRolesRecord>;
    if (!Array.isArray(parsed.roles)) return undefined;
    const roles = parsed.roles.filter(
      (role): role is SamlRole =>
        typeof role?.roleArn === "string" && typeof role.principalArn === "string",
    );
    return { roles, receivedAt: typeof parsed.receivedAt === "string" ? parsed.receivedAt : "" };
  } catch {
    return undefined;
  }
}

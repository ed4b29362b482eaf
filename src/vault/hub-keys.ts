import { CredoError } from "../errors.js";
import type { Keyring } from "./keyring.js";

/** A hub IAM user's long-term access key, as the vault stores it. */
export interface HubKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

const hubPrefix = "hub:";

/** The vault key of a hub's access key: one entry per hub, named after its profile. */
export function hubKey(hub: string): string {
  return `${hubPrefix}${hub}`;
}

export async function getHubKeys(keyring: Keyring, hub: string): Promise<HubKeys | undefined> {
  const text = await keyring.get(hubKey(hub));
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (!isHubKeys(value)) {
    throw new CredoError(`The vault entry for hub "${hub}" is damaged.`, {
      exitCode: "vault",
      hint: `Store the hub's access key again with \`credo hub add ${hub} ...\`.`,
    });
  }
  return { accessKeyId: value.accessKeyId, secretAccessKey: value.secretAccessKey };
}

export async function setHubKeys(keyring: Keyring, hub: string, keys: HubKeys): Promise<void> {
  await keyring.set(
    hubKey(hub),
    JSON.stringify({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey }),
  );
}

export function removeHubKeys(keyring: Keyring, hub: string): Promise<boolean> {
  return keyring.remove(hubKey(hub));
}

/** Names of the hubs with a key in the vault, sorted. */
export async function listHubs(keyring: Keyring): Promise<string[]> {
  return (await keyring.keys())
    .filter((key) => key.startsWith(hubPrefix))
    .map((key) => key.slice(hubPrefix.length));
}

function isHubKeys(value: unknown): value is HubKeys {
  if (typeof value !== "object" || value === null) return false;
  const { accessKeyId, secretAccessKey } = value as Record<string, unknown>;
  return (
    typeof accessKeyId === "string" &&
    accessKeyId !== "" &&
    typeof secretAccessKey === "string" &&
    secretAccessKey !== ""
  );
}

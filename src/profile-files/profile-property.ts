import type { Properties } from "./types.js";

/**
 * A plain string property of a profile. Sub-property blocks (`s3 =\n  x = y`)
 * are not settings the credential chain reads, so they count as absent.
 */
export function stringProperty(
  properties: Properties | undefined,
  key: string,
): string | undefined {
  const value = properties?.[key];
  return typeof value === "string" ? value : undefined;
}

/** A string property whose empty value counts as unset (sso_*, region...). */
export function nonEmptyProperty(
  properties: Properties | undefined,
  key: string,
): string | undefined {
  const value = stringProperty(properties, key)?.trim();
  return value === undefined || value === "" ? undefined : value;
}

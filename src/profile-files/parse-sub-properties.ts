import { isValidIdentifier } from "./identifier.js";
import { trimBlank } from "./trim-blank.js";

/**
 * Turns a raw sub-property block ("\nname = value\nother = x") into a record.
 * Values keep '#' and ';' ("Sub property definitions have pound comments
 * applied to the value"), invalid names are dropped ("Sub-property definitions
 * cannot have an invalid name"), and names keep their case as in botocore's
 * `_parse_nested`. The scan has already checked that every line has a name and '='.
 */
export function parseSubProperties(raw: string): Readonly<Record<string, string>> {
  const record: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const line of raw.split("\n")) {
    const equals = line.indexOf("=");
    if (equals === -1) continue;
    const name = trimBlank(line.slice(0, equals));
    if (isValidIdentifier(name)) record[name] = trimBlank(line.slice(equals + 1));
  }
  return record;
}

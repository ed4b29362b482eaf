import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The shared AWS SDK conformance vectors live next to the checkout, not in it. */
export const conformanceRoot = path.resolve(projectRoot, "../shared/conformance");

export function readConformanceJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(path.join(conformanceRoot, relativePath), "utf8")) as unknown;
}

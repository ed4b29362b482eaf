import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The AWS SDK conformance vectors kept in the repository (see vectors/README.md). */
export const vectorsRoot = fileURLToPath(new URL("./vectors", import.meta.url));

/** Parses one JSON vector file, given its path under vectorsRoot. */
export function readVectorsJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(vectorsRoot, relativePath), "utf8")) as unknown;
}

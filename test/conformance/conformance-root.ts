import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The shared AWS SDK vectors, read straight off /work/shared/conformance. */
export const conformanceRoot = resolve(
  fileURLToPath(import.meta.url),
  "../../../../shared/conformance",
);

import { writeFileAtomic } from "../io/atomic-write.js";
import type { FileReader } from "../io/file-system.js";
import { hubKeyIdsPath, readHubKeyIds } from "./hub-key-ids.js";

/**
 * Records the hub's access key id in CREDO_HOME/hubs.json, or forgets it
 * (undefined). Kept apart from hub-key-ids.ts, which the `credo process` fast
 * path loads and which must not load the atomic writer (node:crypto).
 */
export async function recordHubKeyId(
  credoHome: string,
  hub: string,
  accessKeyId: string | undefined,
  files: FileReader,
): Promise<void> {
  const ids = await readHubKeyIds(credoHome, files);
  if (accessKeyId === undefined) {
    if (ids[hub] === undefined) return;
    delete ids[hub];
  } else {
    if (ids[hub]?.accessKeyId === accessKeyId) return;
    ids[hub] = { accessKeyId };
  }
  await writeFileAtomic(hubKeyIdsPath(credoHome), `${JSON.stringify(ids, null, 2)}\n`, {
    mode: 0o600,
    keepExistingMode: false,
  });
}

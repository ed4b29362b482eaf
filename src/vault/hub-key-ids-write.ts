import { writeFileAtomic } from "../io/atomic-write.js";
import type { FileReader } from "../io/file-system.js";
import { withFileLock } from "../io/file-lock.js";
import { hubKeyIdsPath, readHubKeyIds } from "./hub-key-ids.js";

/**
 * Records the hub's access key id in CREDO_HOME/hubs.json, or forgets it
 * (undefined), under the file lock every shared file is edited under, so two
 * hubs added at once both stay recorded. Kept apart from hub-key-ids.ts, which
 * the `credo process` fast path loads and which must not load the writer.
 */
export async function recordHubKeyId(
  credoHome: string,
  hub: string,
  accessKeyId: string | undefined,
  files: FileReader,
): Promise<void> {
  await withFileLock(hubKeyIdsPath(credoHome), () =>
    recordUnlocked(credoHome, hub, accessKeyId, files),
  );
}

async function recordUnlocked(
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
  await writeFileAtomic(hubKeyIdsPath(credoHome), `${JSON.stringify(ids, null, 2)}\n`);
}

import type { FileReader } from "../io/file-system.js";
import { nodeFileReader } from "../io/file-system.js";
import { ProfileDocument } from "./document.js";
import { withFileLock } from "../io/file-lock.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import type { FileKind } from "./section-header.js";

export interface UpdateProfileFileOptions {
  files?: FileReader;
}

/**
 * The one way credo changes ~/.aws/config or ~/.aws/credentials: under the
 * file's lock, read it (missing = empty), parse it (a broken file stops here,
 * unchanged), apply the edit, and write atomically only if the text changed
 * (the credentials file as a secret one, so it ends 0600).
 * Returns whether the file was written.
 */
export async function updateProfileFile(
  filePath: string,
  kind: FileKind,
  edit: (document: ProfileDocument) => void | Promise<void>,
  options: UpdateProfileFileOptions = {},
): Promise<{ changed: boolean }> {
  const files = options.files ?? nodeFileReader;
  return withFileLock(filePath, async () => {
    const before = (await files.readText(filePath)) ?? "";
    const document = ProfileDocument.parse(before, kind, filePath);
    await edit(document);
    const after = document.toString();
    if (after === before) return { changed: false };
    // The credentials file holds keys: it ends 0600 (the config file keeps its mode).
    await writeFileAtomic(filePath, after, { secret: kind === "credentials" });
    return { changed: true };
  });
}

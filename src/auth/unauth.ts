import type { FileReader } from "../io/file-system.js";
import { updateProfileFile } from "../profile-files/update.js";
import { UsageError } from "../errors.js";
import { credoSections, isCredoSection, notCredos } from "./credentials-section.js";

/**
 * `credo unauth`: removes the named sections (all of credo's with `all`)
 * from ~/.aws/credentials, each with its marker comment and the blank line
 * credo added before it, so the rest of the file is byte for byte as it was.
 * A section credo did not write stops the command before anything changes.
 * Returns the sections removed.
 */
export async function unauth(
  sections: readonly string[],
  all: boolean,
  credentialsFile: string,
  files: FileReader,
): Promise<string[]> {
  if (all === sections.length > 0) {
    throw new UsageError(
      all ? "Give section names or --all, not both." : "Name the sections to remove, or use --all.",
      "For example `credo unauth default` or `credo unauth --all`.",
    );
  }
  let removed: string[] = [];
  await updateProfileFile(
    credentialsFile,
    "credentials",
    (document) => {
      const names = all ? credoSections(document) : [...new Set(sections)];
      for (const name of names) {
        if (!document.hasSection({ kind: "profile", name })) continue;
        if (!isCredoSection(document, name))
          throw notCredos(name, "remove", "remove it yourself if you mean to");
      }
      removed = names.filter((name) => document.removeSection({ kind: "profile", name }));
    },
    { files },
  );
  return removed;
}

import type { FileReader } from "../io/file-system.js";
import { unifiedDiff } from "../io/unified-diff.js";
import { ProfileDocument } from "./document.js";
import { updateProfileFile } from "./update.js";

export interface ConfigEdit<Plan> {
  plan: Plan;
  /** The change as a unified diff ("" when there is none); what --dry-run prints, computed only then. */
  diff(): Promise<string>;
  written: boolean;
}

/**
 * Runs a sync's edit of ~/.aws/config: on a parsed copy with `dryRun`, else
 * under the file's lock through updateProfileFile. Either way the caller gets
 * what its planner returned and the diff of exactly the text that changed.
 */
export async function editConfigFile<Plan>(
  configFile: string,
  dryRun: boolean,
  edit: (document: ProfileDocument) => Plan,
  files: FileReader,
): Promise<ConfigEdit<Plan>> {
  let outcome: { plan: Plan; diff(): Promise<string> } | undefined;
  const apply = (document: ProfileDocument) => {
    const before = document.toString();
    const plan = edit(document);
    const after = document.toString();
    outcome = { plan, diff: () => unifiedDiff(before, after, configFile) };
  };
  if (dryRun) {
    apply(ProfileDocument.parse((await files.readText(configFile)) ?? "", "config", configFile));
    return { ...(outcome as { plan: Plan; diff(): Promise<string> }), written: false };
  }
  const { changed } = await updateProfileFile(configFile, "config", apply, { files });
  return { ...(outcome as { plan: Plan; diff(): Promise<string> }), written: changed };
}

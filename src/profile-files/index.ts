export { ProfileDocument, type AddSectionOptions } from "./document.js";
export { isValidIdentifier } from "./identifier.js";
export { loadProfileSet, type LoadedProfileFiles, type LoadProfileSetInputs } from "./load.js";
export {
  expandHome,
  filePlatformOf,
  resolveCredoHome,
  resolveHomeDirectory,
  resolveProfileFileLocations,
  type FilePlatform,
  type HomeInputs,
} from "./locations.js";
export { withFileLock } from "../io/file-lock.js";
export { profileSetOf, type ProfileSetOptions } from "./profile-set.js";
export {
  writeFileAtomic,
  type AtomicWriteFileSystem,
  type WriteFileAtomicOptions,
} from "../io/atomic-write.js";
export type { FileKind, SectionKind, SectionRef } from "./section-header.js";
export type { ProfileFileLocations, ProfileSet, Properties, PropertyValue } from "./types.js";
export { updateProfileFile, type UpdateProfileFileOptions } from "./update.js";

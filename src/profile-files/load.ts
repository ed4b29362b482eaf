import { ConfigError } from "../errors.js";
import type { Env } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import { ProfileDocument } from "./document.js";
import { resolveProfileFileLocations, type FilePlatform } from "./locations.js";
import { profileSetOf } from "./profile-set.js";
import type { FileKind } from "./section-header.js";
import type { ProfileFileLocations, ProfileSet } from "./types.js";

export interface LoadProfileSetInputs {
  env: Env;
  files: FileReader;
  homedir: string;
  platform: FilePlatform;
}

export interface LoadedProfileFiles {
  profileSet: ProfileSet;
  locations: ProfileFileLocations;
  /** Absent when the file does not exist; a missing file is read as empty, as the SDKs do. */
  config?: ProfileDocument;
  credentials?: ProfileDocument;
}

/** Finds, reads and parses both files; an unreadable file is a ConfigError naming it (and the line). */
export async function loadProfileSet(inputs: LoadProfileSetInputs): Promise<LoadedProfileFiles> {
  const locations = resolveProfileFileLocations(inputs);
  const [config, credentials] = await Promise.all([
    readDocument(inputs.files, locations.configFile, "config"),
    readDocument(inputs.files, locations.credentialsFile, "credentials"),
  ]);
  return {
    profileSet: profileSetOf(config, credentials),
    locations,
    ...(config === undefined ? {} : { config }),
    ...(credentials === undefined ? {} : { credentials }),
  };
}

async function readDocument(
  files: FileReader,
  path: string,
  kind: FileKind,
): Promise<ProfileDocument | undefined> {
  let text: string | undefined;
  try {
    text = await files.readText(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "unknown error";
    throw new ConfigError(
      `Cannot read the AWS ${kind} file ${path} (${code}).`,
      "Check that it is a readable file.",
    );
  }
  return text === undefined ? undefined : ProfileDocument.parse(text, kind, path);
}

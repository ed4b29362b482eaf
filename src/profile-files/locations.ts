import path from "node:path";
import { envValue, type Env } from "../io/env.js";
import type { ProfileFileLocations } from "./types.js";

/** Which path rules apply; passed in so both platforms' conformance cases run anywhere. */
export type FilePlatform = "linux" | "windows";

export interface HomeInputs {
  env: Env;
  platform: FilePlatform;
  /** What the runtime says the home directory is (os.homedir()); the last resort. */
  homedir: string;
}

export function filePlatformOf(nodePlatform: string): FilePlatform {
  return nodePlatform === "win32" ? "windows" : "linux";
}

/**
 * The user's home as the SDKs find it (file-location suite): HOME first on
 * every platform, then on Windows USERPROFILE, then HOMEDRIVE + HOMEPATH, and
 * only then the runtime's own answer.
 */
export function resolveHomeDirectory({ env, platform, homedir }: HomeInputs): string {
  const home = envValue(env, "HOME");
  if (home !== undefined) return home;
  if (platform === "windows") {
    const profile = envValue(env, "USERPROFILE");
    if (profile !== undefined) return profile;
    const drive = envValue(env, "HOMEDRIVE");
    const homePath = envValue(env, "HOMEPATH");
    if (drive !== undefined && homePath !== undefined) return drive + homePath;
  }
  return homedir;
}

/** AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials. */
export function resolveProfileFileLocations(inputs: HomeInputs): ProfileFileLocations {
  const home = resolveHomeDirectory(inputs);
  const paths = pathsFor(inputs.platform);
  const locate = (variable: string, fileName: string): string => {
    const configured = envValue(inputs.env, variable);
    return configured === undefined
      ? paths.join(home, ".aws", fileName)
      : expandHome(configured, home, inputs.platform);
  };
  return {
    configFile: locate("AWS_CONFIG_FILE", "config"),
    credentialsFile: locate("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
  };
}

/** credo's own state: CREDO_HOME, else ~/.credo. */
export function resolveCredoHome({
  env,
  homedir,
  platform = "linux",
}: Omit<HomeInputs, "platform"> & { platform?: FilePlatform }): string {
  const home = resolveHomeDirectory({ env, platform, homedir });
  const configured = envValue(env, "CREDO_HOME");
  return configured === undefined
    ? pathsFor(platform).join(home, ".credo")
    : expandHome(configured, home, platform);
}

/** `~` and `~/rest` (also `~\rest` on Windows) as the SDKs expand them; other paths are left as given. */
export function expandHome(filePath: string, home: string, platform: FilePlatform): string {
  if (filePath === "~") return home;
  const separators = platform === "windows" ? ["/", "\\"] : ["/"];
  if (filePath.startsWith("~") && separators.includes(filePath[1] ?? "")) {
    return pathsFor(platform).join(home, filePath.slice(2));
  }
  return filePath;
}

function pathsFor(platform: FilePlatform): path.PlatformPath {
  return platform === "windows" ? path.win32 : path.posix;
}

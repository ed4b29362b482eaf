import type { AppContext } from "../context.js";
import type { LoadedProfileFiles } from "../profile-files/load.js";
import { loadProfileSet } from "../profile-files/load.js";
import {
  filePlatformOf,
  resolveCredoHome,
  resolveProfileFileLocations,
} from "../profile-files/locations.js";
import type { ProfileFileLocations } from "../profile-files/types.js";

/**
 * The files a command reads, found from the AppContext the one way: every
 * command and the credential runtime load them through here.
 */
export function loadContextProfiles(ctx: AppContext): Promise<LoadedProfileFiles> {
  return loadProfileSet({
    env: ctx.env,
    files: ctx.files,
    homedir: ctx.homedir,
    platform: filePlatformOf(ctx.platform),
  });
}

/** Where the config and credentials files are, without reading them. */
export function contextFileLocations(ctx: AppContext): ProfileFileLocations {
  return resolveProfileFileLocations({
    env: ctx.env,
    homedir: ctx.homedir,
    platform: filePlatformOf(ctx.platform),
  });
}

/** CREDO_HOME, or ~/.credo. */
export function contextCredoHome(ctx: AppContext): string {
  return resolveCredoHome({ env: ctx.env, homedir: ctx.homedir });
}

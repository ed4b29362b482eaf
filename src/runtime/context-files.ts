import type { AppContext } from "../context.js";
import type { Clock } from "../io/clock.js";
import type { Env } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import type { LoadedProfileFiles } from "../profile-files/load.js";
import { loadProfileSet } from "../profile-files/load.js";
import {
  filePlatformOf,
  resolveCredoHome,
  resolveProfileFileLocations,
} from "../profile-files/locations.js";
import type { FilePlatform } from "../profile-files/locations.js";
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

/** What the commands that edit ~/.aws/config under its lock need (syncs of SSO, teams, managed profiles). */
export interface ProfileFileDeps {
  env: Env;
  files: FileReader;
  homedir: string;
  platform: FilePlatform;
  clock: Clock;
  logger: Logger;
}

export function profileFileDeps(ctx: AppContext): ProfileFileDeps {
  return {
    env: ctx.env,
    files: ctx.files,
    homedir: ctx.homedir,
    platform: filePlatformOf(ctx.platform),
    clock: ctx.clock,
    logger: ctx.logger,
  };
}

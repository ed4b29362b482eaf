import type { Env } from "../io/env.js";
import type { FileStatus } from "../io/file-status.js";
import type { FileReader } from "../io/file-system.js";
import type { ProfileFileLocations, ProfileSet } from "../profile-files/types.js";

export type Severity = "error" | "warning";

/** One thing `credo doctor` found: how bad, what it is, what to do about it. */
export interface Finding {
  check: string;
  severity: Severity;
  what: string;
  fix: string;
  profile?: string;
}

export interface DoctorInputs {
  env: Env;
  profileSet: ProfileSet;
  locations: ProfileFileLocations;
  credoHome: string;
  /** The user's home: `aws login` sessions are cached under it (~/.aws/login/cache). */
  homedir: string;
  platform: NodeJS.Platform;
  now: number;
  fileStatus: FileStatus;
  files: FileReader;
  /** Whether the vault exists and is encrypted; undefined when there is no vault (or it is in the OS keychain). */
  vaultProtection(): Promise<{ encrypted: boolean } | undefined>;
  /** With --online: the `Date` header of an unsigned request to an URL. */
  serverDate?: (url: string) => Promise<Date>;
}

export type DoctorCheck = (inputs: DoctorInputs) => Promise<Finding[]> | Finding[];

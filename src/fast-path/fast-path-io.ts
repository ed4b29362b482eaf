import { readFileSync, writeSync } from "node:fs";
import { defaultRefreshMarginMs } from "../cache/cache-file.js";
import type { Env } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import { isNotFound } from "../io/file-system.js";
import { filePlatformOf } from "../profile-files/locations.js";
import type { FastPathInputs } from "./cached-process-credentials.js";

/**
 * The inputs of a fast-path lookup from the environment, or undefined when
 * the full path must find the home. The SDKs' home is HOME, then USERPROFILE
 * (file-location conformance); with neither, the full path asks the OS
 * (node:os alone costs ~2 ms to load).
 */
export function fastPathInputs(
  profileOption: string | undefined,
  env: Env,
): FastPathInputs | undefined {
  const home = env.HOME ?? env.USERPROFILE;
  if (!home) return undefined;
  return {
    profileOption,
    env,
    homedir: home,
    platform: filePlatformOf(process.platform),
    files: syncFileReader,
    now: Date.now(),
    refreshMarginMs: defaultRefreshMarginMs,
  };
}

/**
 * Synchronous reads: the fast path reads three or four small files and does
 * nothing else meanwhile, and the first asynchronous read starts libuv's
 * thread pool, which measured ~2 ms of a ~30 ms run.
 */
const syncFileReader: FileReader = {
  async readText(path) {
    try {
      return readFileSync(path, "utf8");
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },
};

/**
 * Writes straight to file descriptor 1: touching process.stdout builds a
 * stream (and loads net, tty and stream internals), ~1 ms of a ~30 ms run.
 * The document is small, so one write to the caller's pipe takes it whole;
 * a non-blocking descriptor that is full (EAGAIN) falls back to the stream.
 */
export async function writeStdout(text: string): Promise<void> {
  const bytes = Buffer.from(text, "utf8");
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
    // bin/credo.js exits right after: wait until the stream has handed it over.
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(bytes.subarray(written), (failure) =>
        failure ? reject(failure) : resolve(),
      ),
    );
  }
}

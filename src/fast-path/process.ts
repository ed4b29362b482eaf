import { defaultRefreshMarginMs } from "../cache/cache-file.js";
import type { Env } from "../io/env.js";
import { readFileSync, writeSync } from "node:fs";
import type { FileReader } from "../io/file-system.js";
import { isNotFound } from "../io/file-system.js";
import { filePlatformOf } from "../profile-files/locations.js";
import { hubNameFromArgs } from "../providers/credo-process-command.js";
import { formatCredentials } from "../output/credential-formats.js";
import { cachedProcessCredentials } from "./cached-process-credentials.js";

/**
 * The credential_process fast path, called by bin/credo.js before the full
 * CLI loads (this is a composition root, like main.ts): on a cache hit, print
 * the cached credentials and return true without loading the CLI parser, the
 * AWS SDK, the prompt library or the vault. Returns false whenever the full
 * CLI must take over: other arguments, a miss, a refresh due, or any error
 * (which the full path then reports properly).
 */
export async function tryProcessFastPath(argv: readonly string[], env: Env): Promise<boolean> {
  const profileOption = argv.length === 0 ? undefined : hubNameFromArgs(argv);
  if (argv.length > 0 && profileOption === undefined) return false;
  // The SDKs' home is HOME, then USERPROFILE (file-location conformance); with
  // neither, the full path asks the OS. node:os alone costs ~2 ms to load.
  const home = env.HOME ?? env.USERPROFILE;
  if (!home) return false;
  let document: string;
  try {
    const credentials = await cachedProcessCredentials({
      profileOption,
      env,
      homedir: home,
      platform: filePlatformOf(process.platform),
      files: syncFileReader,
      now: Date.now(),
      refreshMarginMs: defaultRefreshMarginMs,
    });
    if (credentials === undefined) return false;
    // The same text as the full path prints (src/cli/process.ts).
    document = formatCredentials("credential-process", {
      credentials,
      region: undefined,
      profile: "",
    });
  } catch {
    return false;
  }
  await writeStdout(document);
  return true;
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
async function writeStdout(text: string): Promise<void> {
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

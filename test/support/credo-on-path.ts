import { mkdir, symlink } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { credoBin } from "./run-credo.js";

/**
 * A folder holding a `credo` symlink to bin/credo.js, and a PATH with it
 * first: what a user has after `npm install -g`, so that
 * `credential_process = credo process NAME` works when the AWS CLI, botocore
 * or the JS SDK runs it.
 */
export async function credoOnPath(parent: string): Promise<{ dir: string; path: string }> {
  const dir = join(parent, "bin");
  await mkdir(dir, { recursive: true });
  await symlink(credoBin, join(dir, "credo"));
  return { dir, path: `${dir}${delimiter}${process.env.PATH ?? "/usr/bin:/bin"}` };
}

import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { CredoError } from "../errors.js";
import type { Env } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import { runGit, type GitResult } from "./git.js";
import { downloadHttpsFile } from "./https-file.js";
import type { TeamSettings } from "./team-store.js";

export interface FetchedRegistry {
  text: string;
  /** The git commit, or `sha256:<hex>` of a file fetched over https. */
  commit: string;
  author?: string;
  /** Where the text came from, for messages: "registry.config at 1a2b3c4". */
  source: string;
}

export interface FetchDeps {
  env: Env;
  files: FileReader;
}

/**
 * Gets the registry without touching anything in use: a git source is fetched
 * into a bare clone (CREDO_HOME/teams/NAME/repo.git, no work tree to leave
 * half-updated) and the file is read from the fetched commit; an https file is
 * downloaded into memory. Signatures are checked here, before anything is applied.
 */
export async function fetchRegistry(
  team: TeamSettings,
  teamDir: string,
  deps: FetchDeps,
): Promise<FetchedRegistry> {
  if (team.kind === "https-file") {
    const text = await downloadHttpsFile(team.source, deps);
    const digest = createHash("sha256").update(text).digest("hex");
    return { text, commit: `sha256:${digest}`, source: team.source };
  }
  const gitDir = path.join(teamDir, "repo.git");
  const git = (args: readonly string[]) => runGit(["--git-dir", gitDir, ...args], deps.env);
  if ((await deps.files.readText(path.join(gitDir, "HEAD"))) === undefined) {
    await mkdir(gitDir, { recursive: true, mode: 0o700 });
    check(
      await runGit(["init", "--bare", "--quiet", "--", gitDir], deps.env),
      team,
      "create the clone",
    );
  }
  const caBundle = deps.env.AWS_CA_BUNDLE;
  const tls = caBundle === undefined || caBundle === "" ? [] : ["-c", `http.sslCAInfo=${caBundle}`];
  const fetched = await runGit(
    [
      "--git-dir",
      gitDir,
      ...tls,
      "fetch",
      "--quiet",
      "--no-tags",
      "--no-write-fetch-head",
      "--",
      team.source,
      `+${team.ref ?? "HEAD"}:refs/credo/fetched`,
    ],
    deps.env,
  );
  if (fetched.code !== 0) {
    throw new CredoError(
      `Cannot fetch the registry of team ${team.name} from ${team.source}: ${firstLine(fetched)}.`,
      {
        exitCode: "network",
        hint: "Nothing was changed; the last good copy stays in use. Check the source and your access to it, then sync again.",
      },
    );
  }
  const commit = check(
    await git(["rev-parse", "--verify", "--quiet", "refs/credo/fetched^{commit}"]),
    team,
    "read the fetched commit",
  ).stdout.trim();
  if (team.requireSigned) await verifySignature(team, gitDir, commit, deps.env);
  const shown = await git(["cat-file", "blob", `${commit}:${team.path}`]);
  if (shown.code !== 0) {
    throw new CredoError(
      `The registry of team ${team.name} has no file ${team.path} at commit ${commit.slice(0, 12)}.`,
      {
        exitCode: "config",
        hint: "Nothing was changed. Check --path, or the repository.",
      },
    );
  }
  const author = (await git(["log", "-1", "--format=%an <%ae>", commit])).stdout.trim();
  return {
    text: shown.stdout,
    commit,
    ...(author === "" ? {} : { author }),
    source: `${team.path} at ${commit.slice(0, 12)}`,
  };
}

/**
 * `git verify-commit` with SSH signatures, checked against the team's allowed
 * signers file only (git's own gpg.ssh.allowedSignersFile): a commit that is
 * unsigned, signed by a key not in the file, or altered is refused.
 */
async function verifySignature(
  team: TeamSettings,
  gitDir: string,
  commit: string,
  env: Env,
): Promise<void> {
  const result = await runGit(
    [
      "--git-dir",
      gitDir,
      "-c",
      "gpg.format=ssh",
      "-c",
      `gpg.ssh.allowedSignersFile=${team.allowedSigners ?? ""}`,
      "verify-commit",
      commit,
    ],
    env,
  );
  if (result.code !== 0) {
    throw new CredoError(
      `Commit ${commit.slice(0, 12)} of team ${team.name}'s registry has no signature from an allowed signer; nothing was changed.`,
      {
        exitCode: "config",
        hint: `The team requires signed commits (allowed signers: ${team.allowedSigners ?? "none"}). The last good copy stays in use.`,
      },
    );
  }
}

function check(result: GitResult, team: TeamSettings, what: string): GitResult {
  if (result.code !== 0) {
    throw new CredoError(`git could not ${what} for team ${team.name}: ${firstLine(result)}.`, {
      exitCode: "config",
      hint: "Nothing was changed. Check that git works on this machine.",
    });
  }
  return result;
}

function firstLine(result: GitResult): string {
  return (
    (result.stderr.trim().split("\n").at(-1) ?? "").replace(/^fatal: /, "") ||
    `git exited with ${result.code}`
  );
}

import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface Author {
  name: string;
  email: string;
}

export const alice: Author = { name: "Alice Admin", email: "alice@example.com" };
export const bob: Author = { name: "Bob Builder", email: "bob@example.com" };

/**
 * A team registry in a real git repository: a bare repository (what a team
 * hosts) and a work clone the test commits from as one author or another.
 */
export class GitRegistry {
  readonly bare: string;
  readonly work: string;

  private constructor(root: string) {
    this.bare = join(root, "registry.git");
    this.work = join(root, "registry-work");
  }

  static async create(root: string): Promise<GitRegistry> {
    const registry = new GitRegistry(root);
    git(root, ["init", "--bare", "--quiet", "--initial-branch=main", registry.bare]);
    await mkdir(registry.work, { recursive: true });
    git(registry.work, ["init", "--quiet", "--initial-branch=main"]);
    git(registry.work, ["remote", "add", "origin", registry.bare]);
    return registry;
  }

  /** Commits `files` as `author` and pushes; `sign` is an SSH private key file to sign with. */
  async commit(
    author: Author,
    files: Record<string, string>,
    options: { sign?: string; message?: string } = {},
  ): Promise<string> {
    for (const [name, text] of Object.entries(files)) {
      await writeFile(join(this.work, name), text);
      git(this.work, ["add", "--", name]);
    }
    const signing =
      options.sign === undefined
        ? ["-c", "commit.gpgsign=false"]
        : [
            "-c",
            "gpg.format=ssh",
            "-c",
            `user.signingkey=${options.sign}`,
            "-c",
            "commit.gpgsign=true",
          ];
    git(
      this.work,
      [
        ...signing,
        "commit",
        "--quiet",
        "--allow-empty",
        "-m",
        options.message ?? "Update the registry",
      ],
      {
        GIT_AUTHOR_NAME: author.name,
        GIT_AUTHOR_EMAIL: author.email,
        GIT_COMMITTER_NAME: author.name,
        GIT_COMMITTER_EMAIL: author.email,
      },
    );
    git(this.work, ["push", "--quiet", "origin", "HEAD:main"]);
    return git(this.work, ["rev-parse", "HEAD"]).trim();
  }
}

export function git(cwd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      ...env,
    },
  });
}

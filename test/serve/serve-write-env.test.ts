import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import { credoBin, runCommand } from "../support/run-credo.js";
import { plantSecret } from "../support/secret-registry.js";

/**
 * `credo serve --write-env PATH`: the endpoint's variables (the token is a
 * secret) in a file that is 0600 whatever the umask, readable by a shell and
 * a client, and removed when the server stops. (Not named --env-file: Node.js
 * 20 reads a script's `--env-file PATH` argument as its own option and exits
 * when PATH does not exist yet.)
 */
let h: HubHome;

beforeAll(async () => {
  h = await hubHome({ profiles: "hand-written", mfaProcess: true });
}, 60_000);
afterAll(async () => {
  await h.cleanup();
});

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

describe("credo serve --write-env", () => {
  it("writes the variables 0600 under umask 022, serves the AWS CLI through them, and removes the file on SIGTERM", async () => {
    const folder = join(h.home, "state");
    await mkdir(folder);
    const envFile = join(folder, "credo-dev.env");
    // A world-readable leftover: replaced, not kept with its mode.
    await writeFile(envFile, "export STALE=1\n", { mode: 0o644 });
    // The shell sets the umask a user's login shell typically has, then becomes credo.
    const child = spawn(
      "/bin/sh",
      [
        "-c",
        `umask 022; exec "$0" "$@"`,
        process.execPath,
        credoBin,
        "serve",
        "dev",
        "--write-env",
        envFile,
      ],
      { env: h.env() },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      await waitFor(
        () => stderr.includes("Serving credentials") || child.exitCode !== null,
        "serve",
      );
      expect(child.exitCode, stderr).toBeNull();
      expect((await stat(envFile)).mode & 0o777).toBe(0o600);
      const text = await readFile(envFile, "utf8");
      const token = /AWS_CONTAINER_AUTHORIZATION_TOKEN='([^']+)'/.exec(text)?.[1] ?? "";
      plantSecret("session-token", "serve --write-env endpoint token", token);
      expect(text).toMatch(
        /^export AWS_CONTAINER_CREDENTIALS_FULL_URI='http:\/\/127\.0\.0\.1:\d+\/[^']*'$/m,
      );
      expect(token.length).toBeGreaterThanOrEqual(16);
      expect(text).not.toContain("STALE");
      // The token goes to the file only: not to stdout (often a log) nor stderr.
      expect(stdout + stderr).not.toContain(token);

      const { HOME, PATH, AWS_ENDPOINT_URL } = h.env();
      const client = await runCommand(
        "/bin/sh",
        ["-c", `. "$1" && aws sts get-caller-identity --output json`, "sh", envFile],
        {
          env: {
            HOME,
            PATH,
            AWS_ENDPOINT_URL,
            AWS_REGION: "us-east-1",
            AWS_DEFAULT_REGION: "us-east-1",
            AWS_EC2_METADATA_DISABLED: "true",
          },
          timeoutMs: 60_000,
        },
      );
      expect(client.code, client.stderr).toBe(0);
      const devRole = h.demo.roles.dev.split("/").pop() ?? "";
      expect((JSON.parse(client.stdout) as { Arn: string }).Arn).toMatch(
        new RegExp(`:assumed-role/${devRole}/`),
      );
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(existsSync(envFile)).toBe(false);
    expect(stderr).toContain(envFile);
  }, 120_000);

  it("stops with the config code when it cannot write the file, printing no token anywhere", async () => {
    const blocker = join(h.home, "a-file");
    await writeFile(blocker, "not a folder\n");
    const run = await runCommand(
      process.execPath,
      [credoBin, "serve", "dev", "--write-env", join(blocker, "credo-dev.env")],
      { env: h.env() },
    );
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(`Cannot write ${join(blocker, "credo-dev.env")}`);
    expect(run.stdout).toBe("");
    expect(run.stderr).not.toContain("AWS_CONTAINER_AUTHORIZATION_TOKEN");
  });
});

import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credoBin, projectRoot } from "../support/run-credo.js";
import { plantSecret, recordTranscript } from "../support/secret-registry.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";

/**
 * `credo exec` through the built CLI against the emulator, with role dev
 * over hub acme (vault passphrase from CREDO_PASSPHRASE, MFA code from the
 * emulator's TOTP): what the child sees, a real AWS CLI inside it, exit
 * codes, signals, and command lines free of secrets.
 */
let hub: HubHome;

beforeAll(async () => {
  hub = await hubHome({ roleRegion: "eu-central-1" });
}, 120_000);
afterAll(async () => {
  await hub?.cleanup();
});

/** A child that writes the AWS_* and CREDO_* part of its environment to a file. */
function dumpEnvironment(file: string): string[] {
  const script = `const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(AWS_|CREDO_)/.test(k)));
require("node:fs").writeFileSync(${JSON.stringify(file)}, JSON.stringify(env));`;
  return [process.execPath, "-e", script];
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

describe("credo exec NAME -- COMMAND (static variables)", () => {
  it("gives the child the role's credentials, region and expiry, and removes AWS_PROFILE", async () => {
    const out = join(hub.home, "child-env.json");
    const run = await hub.credo(
      ["exec", "dev", "--mfa-code", hub.mfaCode(), "--", ...dumpEnvironment(out)],
      {
        AWS_PROFILE: "acme",
        AWS_DEFAULT_PROFILE: "acme",
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const env = JSON.parse(await readFile(out, "utf8")) as Record<string, string>;
    plantSecret("session-token", "exec child session token", env.AWS_SESSION_TOKEN ?? "missing!");
    expect(env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(env.AWS_SECRET_ACCESS_KEY?.length).toBeGreaterThanOrEqual(20);
    expect(env.AWS_SESSION_TOKEN?.length).toBeGreaterThanOrEqual(20);
    expect(env.AWS_REGION).toBe("eu-central-1");
    expect(env.AWS_DEFAULT_REGION).toBe("eu-central-1");
    const expiration = Date.parse(env.AWS_CREDENTIAL_EXPIRATION ?? "");
    expect(expiration).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(env).not.toHaveProperty("AWS_PROFILE");
    expect(env).not.toHaveProperty("AWS_DEFAULT_PROFILE");
    // The vault's passphrase is for credo, not for the command it runs.
    expect(env).not.toHaveProperty("CREDO_PASSPHRASE");
    expect(env.AWS_ENDPOINT_URL).toBe(hub.emu.url);
    // One MFA session from the hub, one AssumeRole for the role.
    expect(hub.emu.calls("sts:GetSessionToken")).toBe(1);
    expect(hub.emu.calls("sts:AssumeRole")).toBe(1);
  });

  it("a real client (the AWS CLI) works inside, as the role", async () => {
    const run = await hub.credo([
      "exec",
      "dev",
      "--",
      "aws",
      "sts",
      "get-caller-identity",
      "--output",
      "json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const identity = JSON.parse(run.stdout) as { Arn: string; Account: string };
    expect(identity.Account).toBe("222222222222");
    expect(identity.Arn).toMatch(/^arn:aws:sts::222222222222:assumed-role\/Developer\//);
  }, 60_000);

  it("returns the child's exit code", async () => {
    const seven = await hub.credo(["exec", "dev", "--", "sh", "-c", "exit 7"]);
    expect(seven.code).toBe(7);
    const zero = await hub.credo(["exec", "dev", "--", "true"]);
    expect(zero.code).toBe(0);
  });

  it("passes SIGTERM to the child, and no secret is on any command line while it runs", async () => {
    const started = join(hub.home, "started");
    const trapped = join(hub.home, "trapped");
    // The trap runs between the short sleeps; 143 is what a shell reports for SIGTERM.
    const childScript = `trap 'echo TERM > ${trapped}; exit 143' TERM; touch ${started}; while :; do sleep 0.1; done`;
    const args = ["exec", "dev", "--", "sh", "-c", childScript];
    const credo = spawn(process.execPath, [credoBin, ...args], {
      env: hub.env() as NodeJS.ProcessEnv,
      cwd: projectRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    credo.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    credo.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      credo.on("exit", (code) => resolve(code)),
    );
    await waitFor(() => existsSync(started), "the child to start");

    const commandLines = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" });
    expect(commandLines).toContain(childScript.slice(0, 40));
    const exported = await hub.credo(["export", "dev", "--format", "credential-process"]);
    const credentials = JSON.parse(exported.stdout) as {
      AccessKeyId: string;
      SecretAccessKey: string;
      SessionToken: string;
    };
    expect(credentials.SessionToken.length).toBeGreaterThan(20);
    for (const secret of [
      credentials.SecretAccessKey,
      credentials.SessionToken,
      hub.demo.hub.secretAccessKey,
    ])
      expect(commandLines.includes(secret)).toBe(false);

    credo.kill("SIGTERM");
    const code = await exited;
    recordTranscript({ argv: args, stdout, stderr });
    expect(code).toBe(143);
    expect(await readFile(trapped, "utf8")).toBe("TERM\n");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCredo } from "../support/run-credo.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome, userConfig } from "../support/hub-home.js";

/**
 * `--debug` explains each decision on stderr (issue 7): which files, which
 * profile and why, which source, cache hit or miss, which endpoint. The
 * secrets harness scans these transcripts for the planted hub secret and
 * passphrase; the checks here add the session tokens, which only stdout of
 * `credo process` may carry.
 */
let h: HubHome;

beforeAll(async () => {
  h = await hubHome({ before: userConfig, typedPassphrase: true });
}, 120_000);
afterAll(async () => h?.cleanup());

const debugRun = (args: string[]) =>
  runCredo([...args, "--debug"], { env: h.env({ CREDO_PASSPHRASE: h.passphrase }) });

describe("--debug", () => {
  it("credo whoami ROLE: files, profile, endpoints, cache misses, then hits on the second run", async () => {
    const first = await debugRun(["whoami", "dev", "--mfa-code", h.mfaCode()]);
    expect(first.code).toBe(0);
    const log = first.stderr;
    expect(log).toContain(`debug: config file ${h.home}/.aws/config;`);
    expect(log).toContain(`credentials file ${h.home}/.aws/credentials (not found: read as empty)`);
    expect(log).toContain(
      `debug: profile dev (chosen by option); STS at ${h.emu.url} (region us-east-1)`,
    );
    expect(log).toContain(`debug: hub acme: STS at ${h.emu.url} (region eu-west-1)`);
    expect(log).toMatch(
      /session cache miss or refresh due for \{"kind":"GetSessionToken","hub":"acme"/,
    );
    expect(log).toContain("debug: vault: passphrase to unlock from CREDO_PASSPHRASE");
    expect(log).toContain(
      "debug: MFA code for arn:aws:iam::111111111111:mfa/alice from --mfa-code",
    );
    expect(log).toContain("debug: hub acme MFA session: fetched");
    expect(log).toContain(`debug: role ${h.demo.roles.dev}: fetched`);
    expect(log).toContain("debug: resolved profile dev: source assume-role, chain dev -> acme");
    expect(log).toContain(
      `debug: calling STS GetCallerIdentity at ${h.emu.url} (region us-east-1)`,
    );

    const second = await debugRun(["whoami", "dev"]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("debug: hub acme MFA session: cache hit");
    expect(second.stderr).toContain(`debug: role ${h.demo.roles.dev}: cache hit`);
    expect(second.stderr).not.toContain("vault:");
  }, 60_000);

  it("credo process HUB: the same decisions on stderr, the document alone on stdout, no token in the log", async () => {
    const run = await debugRun(["process", "acme"]);
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as { SessionToken: string; SecretAccessKey: string };
    expect(run.stderr).toContain("debug: profile acme (chosen by option);");
    expect(run.stderr).toContain("debug: hub acme MFA session: cache hit");
    expect(run.stderr).toContain("debug: resolved profile acme: source custom-process");
    expect(run.stderr).not.toContain(document.SessionToken);
    expect(run.stderr).not.toContain(document.SecretAccessKey);
    expect(
      run.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("debug: ")),
    ).toEqual([]);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { credoInProcess } from "../support/credo-in-process.js";
import { homeEnv, makeTempHome, projectRoot, runCommand } from "../support/run-credo.js";

/**
 * `credo explain` on seed 002's two files, before and after its refresh_mfa.py
 * has written MFA sessions into the credentials file, compared profile by
 * profile with what botocore itself does on the same files.
 */
const fixtures = join(projectRoot, "test/fixtures/seed-002");
const profiles = [
  "AcmeAccount",
  "FoobarAccount",
  "acme",
  "foobar",
  "baszooDev",
  "baszooArch",
  "baszooAdmin",
  "acmeAdmin",
];

// What refresh_mfa.py appends for `acme` and `foobar` (sessions from GetSessionToken).
const refreshedSessions = `
[acme]
aws_access_key_id = ASITISTHISISNOTVALID
aws_secret_access_key = nosuprisehereeitherisit?Ihopenot+Random!
aws_session_token = Yeah+ThisIs+some+serious+lenghty/string

[foobar]
aws_access_key_id = ASIBASIFASITROLOLOLO
aws_secret_access_key = yetanotheraccesskey+3eFvZbrBAYmF2NqGfuYb
aws_session_token = SVGD76eBPRU32Zp/mTFcLwZSciG+Uv35QUwBH6lGCMxAD1bES2OaC
`;

interface Outcome {
  source: string | null;
  error: boolean;
}

let home: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ home, cleanup } = await makeTempHome());
  await mkdir(join(home, ".aws"));
  await copyFile(join(fixtures, "config"), join(home, ".aws/config"));
  await copyFile(join(fixtures, "credentials"), join(home, ".aws/credentials"));
});
afterAll(() => cleanup());

// No instance metadata on a developer's machine; botocore would otherwise wait for it.
const env = () => homeEnv(home, { AWS_EC2_METADATA_DISABLED: "true" });

async function credoOutcomes(): Promise<Record<string, Outcome>> {
  const outcomes: Record<string, Outcome> = {};
  for (const profile of profiles) {
    const run = await credoInProcess(["explain", profile, "--json"], { env: env() });
    const explanation = JSON.parse(run.stdout) as { source?: string; problem?: unknown };
    outcomes[profile] = {
      source: explanation.source ?? null,
      error: explanation.problem !== undefined,
    };
    expect(run.code, profile).toBe(explanation.problem === undefined ? 0 : 3);
  }
  return outcomes;
}

async function botocoreOutcomes(): Promise<Record<string, Outcome>> {
  // get_credentials() resolves lazily for roles: the method name is known
  // without any STS call, as credo's explain.
  const script = `
import json, sys, botocore.session
out = {}
for name in ${JSON.stringify(profiles)}:
    try:
        c = botocore.session.Session(profile=name).get_credentials()
        out[name] = {"source": c.method if c else None, "error": False}
    except Exception as e:
        out[name] = {"source": None, "error": True}
print(json.dumps(out))
`;
  const run = await runCommand("python3", ["-c", script], { env: env() });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as Record<string, Outcome>;
}

describe("credo explain on seed 002's configuration", () => {
  it("before refresh_mfa.py: only the account sections have credentials, as botocore finds", async () => {
    const credo = await credoOutcomes();
    expect(credo).toEqual(await botocoreOutcomes());
    expect(credo.AcmeAccount).toEqual({ source: "shared-credentials-file", error: false });
    expect(credo.acme).toEqual({ source: null, error: false });
    expect(credo.baszooDev).toEqual({ source: null, error: true });
  });

  it("says why [profile acme] resolves to nothing", async () => {
    const run = await credoInProcess(["explain", "acme"], { env: env() });
    expect(run.stdout).toContain("source_profile = AcmeAccount but no role_arn");
  });

  it("after refresh_mfa.py: roles assume from the MFA sessions, as botocore does", async () => {
    const path = join(home, ".aws/credentials");
    await writeFile(path, (await readFile(path, "utf8")) + refreshedSessions);
    const credo = await credoOutcomes();
    expect(credo).toEqual(await botocoreOutcomes());
    expect(credo.baszooDev).toEqual({ source: "assume-role", error: false });
    expect(credo.acme).toEqual({ source: "shared-credentials-file", error: false });
    const chain = JSON.parse(
      (await credoInProcess(["explain", "baszooDev", "--json"], { env: env() })).stdout,
    ) as {
      chain: string[];
      region: string;
    };
    expect(chain.chain).toEqual(["baszooDev", "foobar"]);
    expect(chain.region).toBe("eu-central-1");
  });
});

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lacks } from "../support/external-tool.js";
import { passThroughCache } from "../../src/cache/session-cache.js";
import { systemClock } from "../../src/io/clock.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import { loadProfileSet } from "../../src/profile-files/load.js";
import { explainResolution } from "../../src/providers/explain.js";
import { resolveCredentials } from "../../src/providers/resolve.js";

/**
 * Differential test: for generated scenarios (environment keys, AWS_PROFILE,
 * --profile, static keys in either file, credential_process, role chains),
 * credo picks the source botocore picks (`Session().get_credentials().method`)
 * and, where no STS call is involved, the same keys. botocore defers
 * AssumeRole until the keys are read, so role scenarios compare the method
 * only; their keys are compared against the emulator in role-chain-emulator.test.ts.
 * All scenarios run in one python3 process.
 */

const root = mkdtempSync(join(tmpdir(), "credo-diff-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const helper = join(root, "helper.cjs");
writeFileSync(
  helper,
  `process.stdout.write(JSON.stringify({Version: 1, AccessKeyId: "AKIDPROCESS" + process.argv[2], SecretAccessKey: "secret-process-" + process.argv[2], SessionToken: "token-" + process.argv[2]}));\n`,
);

type Shape =
  | "credsFile"
  | "configFile"
  | "process"
  | "processAndConfigKeys"
  | "credsFileAndProcess"
  | "roleFromStatic"
  | "roleWithOwnKeys"
  | "regionOnly"
  | "absent";
const shapes: Shape[] = [
  "credsFile",
  "configFile",
  "process",
  "processAndConfigKeys",
  "credsFileAndProcess",
  "roleFromStatic",
  "roleWithOwnKeys",
  "regionOnly",
  "absent",
];

interface Scenario {
  id: string;
  dir: string;
  env: Record<string, string>;
  profileOption: string | undefined;
}

function profileTexts(name: string, shape: Shape): { config: string[]; credentials: string[] } {
  const header = name === "default" ? "[default]" : `[profile ${name}]`;
  const keys = (tag: string) => [
    `aws_access_key_id = AKID${tag}${name}`,
    `aws_secret_access_key = secret-${tag}-${name}`,
  ];
  const processLine = `credential_process = node ${helper} ${name}`;
  switch (shape) {
    case "credsFile":
      return {
        config: [header, "region = us-west-2"],
        credentials: [`[${name}]`, ...keys("CRED")],
      };
    case "configFile":
      return { config: [header, ...keys("CONF")], credentials: [] };
    case "process":
      return { config: [header, processLine], credentials: [] };
    case "processAndConfigKeys":
      return { config: [header, processLine, ...keys("CONF")], credentials: [] };
    case "credsFileAndProcess":
      return { config: [header, processLine], credentials: [`[${name}]`, ...keys("CRED")] };
    case "roleFromStatic":
      return {
        config: [header, "role_arn = arn:aws:iam::123456789012:role/R", "source_profile = base"],
        credentials: [],
      };
    case "roleWithOwnKeys":
      return {
        config: [
          header,
          "role_arn = arn:aws:iam::123456789012:role/R",
          `source_profile = ${name}`,
          ...keys("CONF"),
        ],
        credentials: [],
      };
    case "regionOnly":
      return { config: [header, "region = eu-west-1"], credentials: [] };
    case "absent":
      return { config: [], credentials: [] };
  }
}

function generate(): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const envKeys of [false, true])
    for (const awsProfile of [undefined, "p"])
      for (const option of [undefined, "p"])
        for (const shape of shapes)
          for (const defaultShape of ["credsFile", "regionOnly"] as const) {
            const id = `${scenarios.length}`;
            const dir = join(root, id);
            const p = profileTexts("p", shape);
            const d = profileTexts("default", defaultShape);
            const config =
              [...d.config, ...p.config, "[profile base]", "region = us-east-1"].join("\n") + "\n";
            const credentials =
              [
                ...d.credentials,
                ...p.credentials,
                "[base]",
                "aws_access_key_id = AKIDBASE",
                "aws_secret_access_key = secret-base",
              ].join("\n") + "\n";
            mkdirSync(dir, { recursive: true });
            writeFileSync(join(dir, "config"), config);
            writeFileSync(join(dir, "credentials"), credentials);
            const env: Record<string, string> = {
              AWS_CONFIG_FILE: join(dir, "config"),
              AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
              AWS_EC2_METADATA_DISABLED: "true",
              HOME: dir,
              PATH: process.env["PATH"] ?? "/usr/bin:/bin",
            };
            if (envKeys)
              Object.assign(env, {
                AWS_ACCESS_KEY_ID: "AKIDENV",
                AWS_SECRET_ACCESS_KEY: "secret-env",
              });
            if (awsProfile !== undefined) env["AWS_PROFILE"] = awsProfile;
            scenarios.push({ id, dir, env, profileOption: option });
          }
  return [...scenarios, ...acceptedFiles()];
}

const staticKeys = "aws_access_key_id = AKIDODD\naws_secret_access_key = secret-odd\n";
const ssoSession =
  "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n";

/**
 * Files the AWS CLI reads that credo once refused or read otherwise (issue
 * 12), each with the profile named on the command line.
 */
const acceptedFileCases: { config: string; credentials: string; profile: string }[] = [
  { config: "", credentials: `[odd]\n  ${staticKeys.replace("\n", "\n  ")}`, profile: "odd" },
  { config: `[profile odd]\n\t${staticKeys}`, credentials: "", profile: "odd" },
  { config: "", credentials: `[my team]\n${staticKeys}`, profile: "my team" },
  { config: `[profile my team]\n${staticKeys}`, credentials: "", profile: "my team" },
  { config: `[profile "my team"]\n${staticKeys}`, credentials: "", profile: "my team" },
  { config: `[profile "personal"]\n${staticKeys}`, credentials: "", profile: "personal" },
  { config: `[profile 'personal']\n${staticKeys}`, credentials: "", profile: "personal" },
  { config: "", credentials: `["personal"]\n${staticKeys}`, profile: '"personal"' },
  { config: "", credentials: `["personal"]\n${staticKeys}`, profile: "personal" },
  {
    config: `[profile login]\nsso_session = corp\n${ssoSession}`,
    credentials: "",
    profile: "login",
  },
  {
    config: `[profile login]\nsso_session = corp\n${staticKeys}${ssoSession}`,
    credentials: "",
    profile: "login",
  },
  { config: `[profile odd] old header\n${staticKeys}`, credentials: "", profile: "odd" },
  { config: `[profile odd]\n  # note\n${staticKeys}`, credentials: "", profile: "odd" },
  { config: `  [profile odd]\n${staticKeys}`, credentials: "", profile: "odd" },
  { config: `[plugins]\n  [profile odd]\n${staticKeys}`, credentials: "", profile: "odd" },
  { config: "", credentials: `[odd]\n${staticKeys.replaceAll(" = ", " : ")}`, profile: "odd" },
  {
    config: `[profile odd]\n${staticKeys.replaceAll(" = ", ":")}`,
    credentials: "",
    profile: "odd",
  },
  {
    config: `[profile odd]\r${staticKeys.replaceAll("\n", "\r")}`,
    credentials: "",
    profile: "odd",
  },
  { config: "", credentials: `[odd]\r${staticKeys.replaceAll("\n", "\r")}`, profile: "odd" },
];

function acceptedFiles(): Scenario[] {
  return acceptedFileCases.map(({ config, credentials, profile }, index) => {
    const id = `accepted-${index}`;
    const dir = join(root, id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "config"), config);
    writeFileSync(join(dir, "credentials"), credentials);
    const env: Record<string, string> = {
      AWS_CONFIG_FILE: join(dir, "config"),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      HOME: dir,
      PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    };
    return { id, dir, env, profileOption: profile };
  });
}

const botocoreScript = `
import json, os, sys
import botocore.session
scenarios = json.load(sys.stdin)
results = {}
base_env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
for s in scenarios:
    os.environ.clear(); os.environ.update(base_env); os.environ.update(s["env"])
    try:
        session = botocore.session.Session(profile=s.get("profileOption")) if s.get("profileOption") else botocore.session.Session()
        creds = session.get_credentials()
        if creds is None:
            results[s["id"]] = {"method": None}
        elif creds.method == "assume-role":
            results[s["id"]] = {"method": creds.method}
        else:
            results[s["id"]] = {"method": creds.method, "access_key": creds.access_key, "secret_key": creds.secret_key, "token": creds.token}
    except Exception as e:
        results[s["id"]] = {"error": type(e).__name__}
json.dump(results, sys.stdout)
`;

interface BotocoreResult {
  method?: string | null;
  access_key?: string;
  secret_key?: string;
  token?: string | null;
  error?: string;
}

describe.skipIf(lacks("botocore"))("differential against botocore", () => {
  const scenarios = generate();
  let botocore: Record<string, BotocoreResult> = {};

  it("runs every scenario through botocore in one process", () => {
    const run = spawnSync("python3", ["-c", botocoreScript], {
      input: JSON.stringify(scenarios),
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(run.stderr).toBe("");
    botocore = JSON.parse(run.stdout) as Record<string, BotocoreResult>;
    expect(Object.keys(botocore)).toHaveLength(scenarios.length);
  });

  it("picks the same source and the same keys as botocore in every scenario", async () => {
    const mismatches: string[] = [];
    for (const scenario of scenarios) {
      const expected = botocore[scenario.id] ?? {};
      const loaded = await loadProfileSet({
        env: scenario.env,
        files: nodeFileReader,
        homedir: scenario.dir,
        platform: "linux",
      }).catch((error: unknown) => error as Error);
      if (loaded instanceof Error) {
        if (expected.error === undefined)
          mismatches.push(
            `scenario ${scenario.id}: botocore reads the files, credo: ${loaded.message}`,
          );
        continue;
      }
      const { profileSet, locations } = loaded;
      const options =
        scenario.profileOption === undefined ? {} : { profileOption: scenario.profileOption };
      const explanation = explainResolution({
        ...options,
        env: scenario.env,
        profileSet,
        locations,
      });
      const describeScenario = `scenario ${scenario.id} (${JSON.stringify({ env: Object.keys(scenario.env).filter((k) => k.startsWith("AWS_P") || k === "AWS_ACCESS_KEY_ID"), option: scenario.profileOption })})`;
      if (expected.error !== undefined) {
        if (explanation.problem === undefined)
          mismatches.push(
            `${describeScenario}: botocore raised ${expected.error}, credo explain found ${explanation.source ?? "nothing"}`,
          );
        continue;
      }
      // With IMDS disabled, "nothing configured" is botocore's None.
      const explained = explanation.problem !== undefined ? "error" : (explanation.source ?? null);
      if (explained !== expected.method)
        mismatches.push(
          `${describeScenario}: botocore ${expected.method ?? "None"}, credo explain ${explained}`,
        );
      if (expected.access_key === undefined || explained !== expected.method) continue;
      const resolution = await resolveCredentials({
        ...options,
        env: scenario.env,
        profileSet,
        files: nodeFileReader,
        homedir: scenario.dir,
        clock: systemClock,
        logger: silentLogger,
        cache: passThroughCache,
        mfa: () => Promise.reject(new Error("no MFA")),
        hubCredentials: () => Promise.reject(new Error("no hub")),
      });
      const got = {
        method: resolution.source,
        access_key: resolution.credentials.accessKeyId,
        secret_key: resolution.credentials.secretAccessKey,
        token: resolution.credentials.sessionToken ?? null,
      };
      const want = {
        method: expected.method,
        access_key: expected.access_key,
        secret_key: expected.secret_key,
        token: expected.token ?? null,
      };
      if (JSON.stringify(got) !== JSON.stringify(want))
        mismatches.push(
          `${describeScenario}: botocore ${JSON.stringify(want)}, credo ${JSON.stringify(got)}`,
        );
    }
    expect(mismatches).toEqual([]);
    // The generator must reach every source it is meant to compare.
    const methods = new Set(Object.values(botocore).map((r) => r.error ?? r.method ?? "None"));
    expect([...methods].sort()).toEqual(
      [
        "None",
        "ProfileNotFound",
        "assume-role",
        "config-file",
        "custom-process",
        "env",
        "shared-credentials-file",
      ].sort(),
    );
  }, 120_000);
});

// `npm run bench`: every benchmark of the process fast path (hub, role and SSO
// profiles) and the local endpoint in one run, printed as a table and written
// to bench/results/latest.json.
// Wall times and peak memory are measured per child by bench/measure.py
// (wait4's ru_maxrss), with the cases interleaved so drift hits all alike.
// BENCH_RUNS sets the runs per case (default 30). BENCH_BEFORE=<another
// checkout, built> adds its full-CLI start-up rows beside these, measured in
// the same run against the same home, for a before/after comparison.
import process from "node:process";
import { performance } from "node:perf_hooks";
import { execFileSync, spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { request, Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { URL, fileURLToPath } from "node:url";
import { seedDemoIdentities, startEmulator } from "../dist/emulator/index.js";
import { silentLogger } from "../dist/io/logger.js";
import { pythonJsonDumps } from "../dist/io/python-json.js";
import { formatCacheTime, tokenCachePath } from "../dist/sso/token-cache.js";
import { setHubKeys } from "../dist/vault/hub-keys.js";
import { openVault } from "../dist/vault/open-vault.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const credoBin = join(root, "bin/credo.js");
const runs = Number(process.env.BENCH_RUNS ?? 30);
const beforeRoot = process.env.BENCH_BEFORE;
const beforeBin = beforeRoot === undefined ? undefined : join(beforeRoot, "bin/credo.js");

/**
 * `credo exec -- true` runs a child: credo's part of it is the whole run less
 * `true` run alone (as bench/measure.py starts every case), which is the row's
 * figure and target; the whole run is printed beside it.
 */
const execCommand = "credo exec -- true (cache hit)";
const trueAloneCase = "true alone (the child of credo exec -- true)";
/** What Node.js itself costs to start a child: child_process loaded, `true` spawned as exec spawns it. */
const nodeChildCase = "node -e: child_process.spawn of true (Node.js starting a child)";
/**
 * The full CLI's start-up rows (issue 13): each command on a cache hit, with
 * its target against `node -e 0`. whoami calls STS, so its target adds the
 * cost of that call as the JS SDK makes it alone (the "STS call" case).
 */
const startupCommands = [
  ["credo --version", ["--version"]],
  ["credo export (cache hit)", ["export", "dev"]],
  [execCommand, ["exec", "dev", "--", "true"]],
  ["credo explain", ["explain", "dev"]],
  ["credo list", ["list"]],
  // As the shell function of `credo shell-init bash` runs it.
  ["credo use (cache hit)", ["use", "dev", "--shell", "bash"]],
  ["credo whoami (cache hit, one STS call)", ["whoami", "dev"]],
];
const stsCallCase = "STS GetCallerIdentity alone (JS SDK, node -e)";
const passphrase = "bench-passphrase";
const ssoAccountId = "111111111111";
const targetRows = [
  "credo process (cache hit, 3 profiles)",
  "credo process, SSO profile (cache hit, 6 profiles)",
  "credo process, SSO profile (cache hit, 1,200 SSO profiles)",
];
const python = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], {
  encoding: "utf8",
}).trim();

const emu = await startEmulator();
const demo = seedDemoIdentities(emu);
const home = await mkdtemp(join(tmpdir(), "credo-bench-"));
try {
  const results = await bench();
  await mkdir(join(root, "bench/results"), { recursive: true });
  await writeFile(join(root, "bench/results/latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  printTable(results);
  process.exitCode = results.rows.every((row) => row.pass !== false) ? 0 : 1;
} finally {
  await emu.stop();
  await rm(home, { recursive: true, force: true });
}

async function bench() {
  const env = await prepareHome();
  const config3 = join(home, ".aws/config");
  const config10k = join(home, ".aws/config-10000");
  await writeFile(config3, profiles());
  await writeFile(config10k, `${manyProfiles(10_000)}${profiles()}`);

  const configSso6 = join(home, ".aws/config-sso-6");
  const configSso1200 = join(home, ".aws/config-sso-1200");
  await writeFile(configSso6, `${profiles()}\n${ssoProfiles()}`);
  await writeFile(configSso1200, `${manySsoProfiles(1_200)}${ssoProfiles()}`);
  await signInToSso();

  // Prime the cache (one GetSessionToken, one AssumeRole), then check that hits call nothing.
  await runCredo(["process", "dev"], env);
  emu.resetCalls();
  await runCredo(["process", "dev"], { ...env, AWS_CONFIG_FILE: config10k });
  if (emu.calls() !== 0) throw new Error("credo process dev missed the cache after priming it");
  // SSO role credentials: one GetRoleCredentials; a build without the SSO cache calls on every run.
  await runCredo(["process", "sso-dev"], { ...env, AWS_CONFIG_FILE: configSso6 });
  emu.resetCalls();

  const fromIniScript =
    'import { fromIni } from "@aws-sdk/credential-providers";' +
    'const c = await fromIni({ profile: "dev" })(); if (!c.accessKeyId) process.exit(1);';
  const botocoreScript =
    "import botocore.session\n" +
    "c = botocore.session.Session(profile='dev').get_credentials().get_frozen_credentials()\n" +
    "assert c.access_key";
  const bundledBefore = await fastPathIsBundled();
  const measured = await measure({
    "node -e 0": { argv: [process.execPath, "-e", "0"], env },
    "credo process (cache hit, 3 profiles)": {
      argv: [process.execPath, credoBin, "process", "dev"],
      env,
    },
    "credo process (cache hit, 10,000 profiles)": {
      argv: [process.execPath, credoBin, "process", "dev"],
      env: { ...env, AWS_CONFIG_FILE: config10k },
    },
    "credo process, SSO profile (cache hit, 6 profiles)": {
      argv: [process.execPath, credoBin, "process", "sso-dev"],
      env: { ...env, AWS_CONFIG_FILE: configSso6 },
    },
    "credo process, SSO profile (cache hit, 1,200 SSO profiles)": {
      argv: [process.execPath, credoBin, "process", "sso-dev"],
      env: { ...env, AWS_CONFIG_FILE: configSso1200 },
    },
    // The same document as `credo process` prints, through `credo export` (served by the fast path on a hit).
    "credo export --format credential-process (cache hit)": {
      argv: [process.execPath, credoBin, "export", "dev", "--format", "credential-process"],
      env,
    },
    "fromIni (JS SDK, same profile)": {
      argv: [process.execPath, "--input-type=module", "-e", fromIniScript],
      env: { ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    },
    "botocore (python3, same profile)": { argv: [python, "-c", botocoreScript], env },
    ...startupCases(env),
  });

  const ssoRoleCalls = {
    runs: 2 * runs,
    getRoleCredentialsCalls: emu.calls("sso:GetRoleCredentials"),
  };
  // Another `tsc -p tsconfig.build.json` during the run would put the unbundled fast path back.
  const fastPathBundled = bundledBefore && (await fastPathIsBundled());
  if (!fastPathBundled)
    console.error("warning: dist/fast-path/process.cjs was not the bundle for the whole run");
  const stampede = await runStampede(env);
  const endpoint = await benchEndpoint(env);
  return {
    runs,
    node: process.version,
    fastPathBundled,
    measured,
    stampede,
    ssoRoleCalls,
    endpoint,
    rows: rowsOf(measured, stampede, endpoint, ssoRoleCalls),
  };
}

function startupCases(env) {
  const stsScript =
    'const { STSClient, GetCallerIdentityCommand } = require("@aws-sdk/client-sts");' +
    "new STSClient({ region: 'eu-central-1', credentials: { accessKeyId: process.env.K, secretAccessKey: process.env.S } })" +
    ".send(new GetCallerIdentityCommand({})).then((r) => { if (!r.Arn) process.exit(1); });";
  const cases = {
    [stsCallCase]: {
      argv: [process.execPath, "-e", stsScript],
      env: { ...env, K: demo.hub.accessKeyId, S: demo.hub.secretAccessKey },
    },
    // Found on PATH as credo exec finds it.
    [trueAloneCase]: { argv: ["true"], env },
    [nodeChildCase]: {
      argv: [
        process.execPath,
        "-e",
        'require("node:child_process").spawn("true", [], { stdio: "inherit" }).on("exit", (code) => process.exit(code));',
      ],
      env,
    },
  };
  for (const [name, args] of startupCommands) {
    cases[name] = { argv: [process.execPath, credoBin, ...args], env };
    if (beforeBin !== undefined)
      cases[`${name}, before`] = { argv: [process.execPath, beforeBin, ...args], env };
  }
  return cases;
}

async function prepareHome() {
  await mkdir(join(home, ".aws"), { recursive: true });
  await mkdir(join(home, "bin"));
  await symlink(credoBin, join(home, "bin/credo"));
  const vault = await openVault({
    home: join(home, ".credo"),
    env: { CREDO_PASSPHRASE: passphrase },
    logger: silentLogger,
    askPassphrase: () => Promise.reject(new Error("no prompt in the benchmark")),
    warn: () => undefined,
  });
  await setHubKeys(vault, "acme", {
    accessKeyId: demo.hub.accessKeyId,
    secretAccessKey: demo.hub.secretAccessKey,
  });
  return {
    PATH: `${join(home, "bin")}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: home,
    CREDO_HOME: join(home, ".credo"),
    CREDO_PASSPHRASE: passphrase,
    AWS_CONFIG_FILE: join(home, ".aws/config"),
    AWS_ENDPOINT_URL: emu.url,
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** scripts/bundle-fast-path.js writes the CommonJS bundle bin/credo.js requires. */
async function fastPathIsBundled() {
  const text = await readFile(join(root, "dist/fast-path/process.cjs"), "utf8").catch(() => "");
  return text.startsWith("/* credo fast path bundle */");
}

function profiles() {
  const printTotp = join(root, "bench/print-totp.js");
  return [
    "[profile acme]",
    "credential_process = credo process acme",
    `mfa_serial = ${demo.hub.mfaSerial}`,
    `credo_mfa_process = node ${printTotp} ${demo.hub.mfaSecret}`,
    "region = eu-west-1",
    "",
    "[profile dev]",
    `role_arn = ${demo.roles.dev}`,
    "source_profile = acme",
    "region = eu-central-1",
    "",
    "[profile prod]",
    `role_arn = ${demo.roles.prod}`,
    "source_profile = acme",
    "",
  ].join("\n");
}

/** Three profiles of IAM Identity Center's [sso-session corp], beside the three of profiles(): six. */
function ssoProfiles() {
  return ["sso-dev", "sso-prod", "sso-audit"]
    .map((name, index) =>
      [
        `[profile ${name}]`,
        "sso_session = corp",
        `sso_account_id = ${ssoAccountId}`,
        `sso_role_name = ${["Developer", "Admin", "Audit"][index]}`,
        "region = eu-west-1",
        "",
      ].join("\n"),
    )
    .concat(
      [
        "[sso-session corp]",
        `sso_start_url = ${emu.sso.startUrl}`,
        "sso_region = eu-west-1",
        "",
      ].join("\n"),
    )
    .join("\n");
}

/** What `credo sso sync` writes for an organisation: one profile per account and role. */
function manySsoProfiles(count) {
  let text = "";
  for (let i = 0; i < count; i += 1) {
    const account = String(300_000_000_000 + Math.floor(i / 4));
    const role = ["Admin", "Developer", "ReadOnly", "Billing"][i % 4];
    text += `[profile account-${Math.floor(i / 4)}-${role.toLowerCase()}]\nsso_session = corp\nsso_account_id = ${account}\nsso_role_name = ${role}\nregion = us-east-1\n\n`;
  }
  return text;
}

/** `credo sso login` as far as the token cache goes: a token from the emulator's portal, good for 8 hours. */
async function signInToSso() {
  emu.sso.addAccount({ accountId: ssoAccountId, accountName: "Sandbox" });
  for (const roleName of ["Developer", "Admin", "Audit"])
    emu.sso.addRole({ accountId: ssoAccountId, roleName });
  const path = tokenCachePath(home, { sessionName: "corp", startUrl: emu.sso.startUrl });
  await mkdir(join(path, ".."), { recursive: true });
  const token = {
    startUrl: emu.sso.startUrl,
    region: "eu-west-1",
    accessToken: emu.sso.issueAccessToken(Date.now()),
    expiresAt: formatCacheTime(Date.now() + 8 * 3600_000),
  };
  await writeFile(path, pythonJsonDumps(token), { mode: 0o600 });
}

function manyProfiles(count) {
  let text = "";
  for (let i = 0; i < count; i += 1) {
    text += `[profile team-${i}]\nrole_arn = arn:aws:iam::222222222222:role/Team${i}\nsource_profile = acme\nregion = us-east-1\n\n`;
  }
  return text;
}

function runChild(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd: root });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function runCredo(args, env) {
  const result = await runChild(process.execPath, [credoBin, ...args], env);
  if (result.code !== 0) throw new Error(`credo ${args.join(" ")} failed: ${result.stderr}`);
  return result;
}

/** Runs bench/measure.py without blocking this process, which serves the emulator meanwhile. */
async function measure(cases) {
  const child = spawn(python, [join(root, "bench/measure.py")], { cwd: root });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.end(JSON.stringify({ runs, cases }));
  const code = await new Promise((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`measure.py failed: ${stderr}`);
  const raw = JSON.parse(stdout);
  return Object.fromEntries(
    Object.entries(raw).map(([name, r]) => [
      name,
      {
        medianWallMs: median(r.wallMs),
        medianPeakRssMiB: median(r.rssKiB) / 1024,
        runs: r.wallMs.length,
        failures: r.failures,
        ...(r.lastError ? { lastError: r.lastError } : {}),
      },
    ]),
  );
}

async function runStampede(env) {
  await rm(join(home, ".credo/cache"), { recursive: true, force: true });
  emu.resetCalls();
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: 32 }, () => runChild(process.execPath, [credoBin, "process", "dev"], env)),
  );
  return {
    processes: results.length,
    wallMs: performance.now() - started,
    failures: results.filter((r) => r.code !== 0).length,
    distinctOutputs: new Set(results.map((r) => r.stdout)).size,
    getSessionTokenCalls: emu.calls("sts:GetSessionToken"),
    assumeRoleCalls: emu.calls("sts:AssumeRole"),
  };
}

async function benchEndpoint(env) {
  const serve = spawn(process.execPath, [credoBin, "serve", "dev"], { env, cwd: root });
  try {
    let stdout = "";
    await new Promise((resolve, reject) => {
      serve.stdout.on("data", (chunk) => {
        stdout += chunk;
        if (stdout.split("\n").length > 2) resolve();
      });
      serve.on("exit", () => reject(new Error("credo serve exited early")));
    });
    const url = /AWS_CONTAINER_CREDENTIALS_FULL_URI='([^']+)'/.exec(stdout)[1];
    const token = /AWS_CONTAINER_AUTHORIZATION_TOKEN='([^']+)'/.exec(stdout)[1];
    const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
    const get = () =>
      new Promise((resolve) => {
        const req = request(url, { agent, headers: { authorization: token } }, (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode === 200));
        });
        req.on("error", () => resolve(false));
        req.end();
      });
    for (let i = 0; i < 200; i += 1) await get(); // warm-up
    const latencies = [];
    let sequentialErrors = 0;
    for (let i = 0; i < 10_000; i += 1) {
      const start = performance.now();
      if (!(await get())) sequentialErrors += 1;
      latencies.push(performance.now() - start);
    }
    latencies.sort((a, b) => a - b);
    let concurrentErrors = 0;
    let concurrentRequests = 0;
    const concurrentStart = performance.now();
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        for (let i = 0; i < 20; i += 1) {
          concurrentRequests += 1;
          if (!(await get())) concurrentErrors += 1;
        }
      }),
    );
    agent.destroy();
    return {
      sequentialRequests: latencies.length,
      sequentialErrors,
      p50Ms: latencies[Math.floor(latencies.length * 0.5)],
      p99Ms: latencies[Math.floor(latencies.length * 0.99)],
      concurrentClients: 100,
      concurrentRequests,
      concurrentErrors,
      concurrentWallMs: performance.now() - concurrentStart,
    };
  } finally {
    serve.kill("SIGTERM");
  }
}

function rowsOf(measured, stampede, endpoint, ssoRoleCalls) {
  const node = measured["node -e 0"];
  const hit = measured["credo process (cache hit, 3 profiles)"];
  const big = measured["credo process (cache hit, 10,000 profiles)"];
  const row = (name, value, unit, ratio, target, pass) => ({
    name,
    value,
    unit,
    ratio,
    target,
    pass,
  });
  const rows = [];
  /** A figure shown for comparison, with its ratio to node -e 0 and no target of its own. */
  const referenceRow = (name, m) =>
    row(`${name}: wall`, m.medianWallMs, "ms", m.medianWallMs / node.medianWallMs, "", undefined);
  const startupNames = new Set(startupCommands.map(([name]) => name));
  const stsCall = measured[stsCallCase];
  const trueAlone = measured[trueAloneCase];
  for (const [name, m] of Object.entries(measured)) {
    if (name === execCommand || name === `${execCommand}, before`) {
      const credoPart = m.medianWallMs - trueAlone.medianWallMs;
      const current = name === execCommand;
      rows.push(
        row(
          `${name}: credo's part (whole run - true alone)`,
          credoPart,
          "ms",
          credoPart / node.medianWallMs,
          current ? "<= 1.3x node" : "",
          current ? credoPart <= 1.3 * node.medianWallMs && m.failures === 0 : undefined,
        ),
        row(
          `${name}: whole run`,
          m.medianWallMs,
          "ms",
          m.medianWallMs / node.medianWallMs,
          "",
          undefined,
        ),
      );
      continue;
    }
    if (name === trueAloneCase || name === nodeChildCase) {
      rows.push(referenceRow(name, m));
      continue;
    }
    if (startupNames.has(name)) {
      // whoami may also spend what the STS call alone costs over starting Node.
      const allowance = name.startsWith("credo whoami")
        ? stsCall.medianWallMs - node.medianWallMs
        : 0;
      const limit = 1.3 * node.medianWallMs + allowance;
      rows.push(
        row(
          `${name}: wall`,
          m.medianWallMs,
          "ms",
          m.medianWallMs / node.medianWallMs,
          allowance === 0 ? "<= 1.3x node" : "<= 1.3x node + STS call",
          m.medianWallMs <= limit && m.failures === 0,
        ),
      );
      continue;
    }
    if (name.endsWith(", before") && m.runs === 0) {
      // The before build has no such command (credo use, say): no figure to compare.
      rows.push(row(`${name}: wall`, "every run failed", "", undefined, "", undefined));
      continue;
    }
    if (name.endsWith(", before") || name === stsCallCase) {
      rows.push(referenceRow(name, m));
      continue;
    }
    const isHit = targetRows.includes(name);
    rows.push(
      row(
        `${name}: wall`,
        m.medianWallMs,
        "ms",
        m.medianWallMs / node.medianWallMs,
        isHit ? "<= 1.25x node" : "",
        isHit ? m.medianWallMs <= 1.25 * node.medianWallMs && m.failures === 0 : undefined,
      ),
      row(
        `${name}: peak RSS`,
        m.medianPeakRssMiB,
        "MiB",
        m.medianPeakRssMiB / node.medianPeakRssMiB,
        isHit ? "<= 1.3x node" : "",
        isHit ? m.medianPeakRssMiB <= 1.3 * node.medianPeakRssMiB : undefined,
      ),
    );
  }
  const extra = big.medianWallMs - hit.medianWallMs;
  rows.push(
    row(
      "10,000 profiles cost over 3",
      extra,
      "ms",
      undefined,
      "<= 30 ms",
      extra <= 30 && big.failures === 0,
    ),
  );
  rows.push(
    row(
      "stampede (32 cold): GetSessionToken / AssumeRole calls",
      `${stampede.getSessionTokenCalls} / ${stampede.assumeRoleCalls}`,
      "",
      undefined,
      "1 / 1, all exit 0, one output",
      stampede.getSessionTokenCalls === 1 &&
        stampede.assumeRoleCalls === 1 &&
        stampede.failures === 0 &&
        stampede.distinctOutputs === 1,
    ),
  );
  rows.push(
    row(
      `SSO GetRoleCredentials calls in the ${ssoRoleCalls.runs} measured SSO runs`,
      ssoRoleCalls.getRoleCredentialsCalls,
      "",
      undefined,
      "0 (cached)",
      ssoRoleCalls.getRoleCredentialsCalls === 0,
    ),
  );
  rows.push(
    row("endpoint p50 (10,000 sequential)", endpoint.p50Ms, "ms", undefined, "", undefined),
  );
  rows.push(
    row(
      "endpoint p99 (10,000 sequential)",
      endpoint.p99Ms,
      "ms",
      undefined,
      "< 5 ms",
      endpoint.p99Ms < 5 && endpoint.sequentialErrors === 0,
    ),
  );
  rows.push(
    row(
      "endpoint errors, 100 concurrent clients",
      endpoint.concurrentErrors,
      "",
      undefined,
      "0",
      endpoint.concurrentErrors === 0,
    ),
  );
  return rows;
}

function printTable({ rows }) {
  const format = (value) =>
    typeof value === "number" ? value.toFixed(value < 10 ? 2 : 1) : String(value ?? "");
  const lines = rows.map((r) => [
    r.name,
    `${format(r.value)} ${r.unit}`.trim(),
    r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}x`,
    r.target,
    r.pass === undefined ? "" : r.pass ? "pass" : "FAIL",
  ]);
  const header = ["measure", "median", "ratio", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const show = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  console.log(show(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(show(l));
  console.log(
    `\n${runs} runs per case, interleaved; Node ${process.version}. JSON: bench/results/latest.json`,
  );
}

function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defaultRefreshMarginMs } from "../../src/cache/cache-file.js";
import { cachedProcessCredentials } from "../../src/fast-path/cached-process-credentials.js";
import type { FastPathInputs } from "../../src/fast-path/cached-process-credentials.js";
import { tryProcessFastPath } from "../../src/fast-path/process.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { credoBin, projectRoot, runCommand, runCredo } from "../support/run-credo.js";
import type { HubHome } from "../support/hub-home.js";
import { hubConfig, hubHome } from "../support/hub-home.js";

const recordModules = fileURLToPath(new URL("./fixtures/record-modules.cjs", import.meta.url));

let h: HubHome;
let hubOutput: string;
let devOutput: string;

function inputs(
  profileOption: string | undefined,
  extraEnv: Record<string, string> = {},
): FastPathInputs {
  return {
    profileOption,
    env: h.env(extraEnv),
    homedir: "/nonexistent",
    platform: "linux",
    files: nodeFileReader,
    now: Date.now(),
    refreshMarginMs: defaultRefreshMarginMs,
  };
}

async function cacheEntries(): Promise<{ path: string; body: Record<string, unknown> }[]> {
  const dir = join(h.home, ".credo/cache");
  const names = (await readdir(dir)).filter((name) => name.endsWith(".json"));
  return Promise.all(
    names.map(async (name) => ({
      path: join(dir, name),
      body: JSON.parse(await readFile(join(dir, name), "utf8")) as Record<string, unknown>,
    })),
  );
}

beforeAll(async () => {
  h = await hubHome({ profiles: "hand-written" });
  const dev = await runCredo(["process", "dev", "--mfa-code", h.mfaCode()], { env: h.env() });
  expect(dev.stderr).toBe("");
  expect(dev.code).toBe(0);
  devOutput = dev.stdout;
  const hub = await runCredo(["process", "acme"], { env: h.env() });
  expect(hub.code).toBe(0);
  hubOutput = hub.stdout;
});

afterAll(async () => {
  await h.cleanup();
});

beforeEach(() => h.emu.resetCalls());

describe("credo process fast path", () => {
  it("prints a cached role session without calling STS or loading the CLI parser, SDK, prompts or vault", async () => {
    const modulesFile = join(h.home, "modules.txt");
    const run = await runCommand(
      process.execPath,
      ["--require", recordModules, credoBin, "process", "dev"],
      {
        env: h.env({ RECORD_MODULES_TO: modulesFile }),
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(devOutput);
    expect(JSON.parse(run.stdout)).toMatchObject({
      Version: 1,
      AccessKeyId: expect.stringMatching(/^ASIA/),
    });
    expect(h.emu.calls()).toBe(0);
    const loaded = await readFile(modulesFile, "utf8");
    expect(loaded).toContain("/dist/fast-path/process.cjs");
    // The bundle is one file: what it holds is listed in esbuild's path comments.
    const bundle = await readFile(join(projectRoot, "dist/fast-path/process.cjs"), "utf8");
    for (const unwanted of [
      "node_modules/",
      "dist/vault/",
      "dist/main.js",
      "dist/cli/",
      "dist/aws/",
    ]) {
      expect(bundle).not.toContain(unwanted);
    }
    for (const unwanted of [
      "commander",
      "@aws-sdk",
      "@inquirer",
      "/dist/vault/",
      "/dist/main.js",
      "proper-lockfile",
    ]) {
      expect(loaded).not.toContain(unwanted);
    }
  });

  it("computes the keys the full path wrote, for the hub and for the role over it", async () => {
    const dev = await cachedProcessCredentials(inputs("dev"));
    const hub = await cachedProcessCredentials(inputs(undefined, { AWS_PROFILE: "acme" }));
    expect(dev?.accessKeyId).toBe((JSON.parse(devOutput) as { AccessKeyId: string }).AccessKeyId);
    expect(hub?.accessKeyId).toBe((JSON.parse(hubOutput) as { AccessKeyId: string }).AccessKeyId);
    expect(dev?.accessKeyId).not.toBe(hub?.accessKeyId);
  });

  it("misses when an input of the key differs (region, endpoint)", async () => {
    expect(
      await cachedProcessCredentials(inputs("dev", { AWS_REGION: "us-west-2" })),
    ).toBeUndefined();
    expect(
      await cachedProcessCredentials(inputs("dev", { AWS_ENDPOINT_URL_STS: "http://127.0.0.1:1" })),
    ).toBeUndefined();
    expect(await cachedProcessCredentials(inputs("nosuchprofile"))).toBeUndefined();
  });

  it("leaves unusual arguments and environment keys to the full path", async () => {
    const env = h.env();
    expect(await tryProcessFastPath(["dev", "--mfa-code", "123456"], env)).toBe(false);
    expect(await tryProcessFastPath(["dev", "--debug"], env)).toBe(false);
    expect(await tryProcessFastPath(["a", "b"], env)).toBe(false);
    expect(
      await cachedProcessCredentials(
        inputs(undefined, {
          AWS_PROFILE: "dev",
          AWS_ACCESS_KEY_ID: "AKIAENV",
          AWS_SECRET_ACCESS_KEY: "x",
        }),
      ),
    ).toBeUndefined();
  });

  it("finds the profile among 10,000 others, reading only the sections the chain names", async () => {
    const many = Array.from(
      { length: 10_000 },
      (_, i) =>
        `[profile p${i}]\nregion = us-east-1\nsource_profile = acme\nrole_arn = arn:aws:iam::111111111111:role/R${i}\n`,
    ).join("");
    const original = await readFile(h.configFile, "utf8");
    try {
      await writeFile(h.configFile, `${many}${hubConfig(h.demo)}`);
      const dev = await cachedProcessCredentials(inputs("dev"));
      expect(dev?.accessKeyId).toBe((JSON.parse(devOutput) as { AccessKeyId: string }).AccessKeyId);
    } finally {
      await writeFile(h.configFile, original);
    }
  });

  it("reads a config with lone-CR line endings and `key : value` lines as the full path does", async () => {
    const original = await readFile(h.configFile, "utf8");
    try {
      const rewritten = original.replace(/^([^=\n]*?) = /gm, "$1 : ").replace(/\r?\n/g, "\r");
      expect(rewritten).toContain(" : ");
      await writeFile(h.configFile, rewritten);
      const dev = await cachedProcessCredentials(inputs("dev"));
      expect(dev?.accessKeyId).toBe((JSON.parse(devOutput) as { AccessKeyId: string }).AccessKeyId);
    } finally {
      await writeFile(h.configFile, original);
    }
  });

  it("a broken section the chain names sends it to the full path, which reports it", async () => {
    const original = await readFile(h.configFile, "utf8");
    try {
      await writeFile(h.configFile, `${original}\n[profile dev]\nthis line has no equals sign\n`);
      await expect(cachedProcessCredentials(inputs("dev"))).rejects.toThrow(/line/);
      const run = await runCredo(["process", "dev"], { env: h.env() });
      expect(run.code).not.toBe(0);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/Cannot read .*config.*line/);
    } finally {
      await writeFile(h.configFile, original);
    }
  });

  it("inside the refresh margin it steps aside and the full path refreshes only the role", async () => {
    const entries = await cacheEntries();
    const role = entries.find(
      (entry) => (entry.body["Key"] as { kind?: string }).kind === "AssumeRole",
    );
    expect(role).toBeDefined();
    const soon = new Date(Date.now() + defaultRefreshMarginMs - 60_000).toISOString();
    await writeFile(role!.path, JSON.stringify({ ...role!.body, Expiration: soon }));
    expect(await cachedProcessCredentials(inputs("dev"))).toBeUndefined();
    const run = await runCredo(["process", "dev"], { env: h.env() });
    expect(run.code).toBe(0);
    expect(h.emu.calls("sts:AssumeRole")).toBe(1);
    expect(h.emu.calls("sts:GetSessionToken")).toBe(0);
    expect(run.stdout).not.toBe(devOutput);
    devOutput = run.stdout;
    expect((await cachedProcessCredentials(inputs("dev")))?.accessKeyId).toBe(
      (JSON.parse(run.stdout) as { AccessKeyId: string }).AccessKeyId,
    );
  });

  it("without a cache it falls through to the full path", async () => {
    await rm(join(h.home, ".credo/cache"), { recursive: true, force: true });
    expect(await cachedProcessCredentials(inputs("dev"))).toBeUndefined();
  });
});

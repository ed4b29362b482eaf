import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getCallerIdentity } from "../../src/aws/sts.js";
import { CredoError } from "../../src/errors.js";
import { formatCacheTime, tokenCachePath } from "../../src/sso/token-cache.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import type { CredoRun } from "../support/run-credo.js";
import { runCredo } from "../support/run-credo.js";
import { snapshotTree } from "./home-snapshot.js";

let h: HubHome;

const ssoConfig = (startUrl: string) =>
  [
    "[sso-session corp]",
    `sso_start_url = ${startUrl}`,
    "sso_region = eu-west-1",
    "",
    "[profile sso-dev]",
    "sso_session = corp",
    "sso_account_id = 222222222222",
    "sso_role_name = Developer",
    "region = eu-west-1",
    "",
  ].join("\n");

beforeAll(async () => {
  h = await hubHome({ profiles: "hand-written", mfaProcess: true });
  await writeFile(h.configFile, `${await readConfig()}\n${ssoConfig(h.emu.sso.startUrl)}`);
  const tokenFile = tokenCachePath(h.home, { sessionName: "corp", startUrl: h.emu.sso.startUrl });
  await mkdir(join(h.home, ".aws/sso/cache"), { recursive: true });
  await writeFile(
    tokenFile,
    JSON.stringify({
      startUrl: h.emu.sso.startUrl,
      region: "eu-west-1",
      accessToken: h.emu.sso.issueAccessToken(Date.now()),
      expiresAt: formatCacheTime(Date.now() + 3_600_000),
    }),
    { mode: 0o600 },
  );
  // The hub's MFA session is cached first, so a failing role call has nothing legitimate to write.
  const warm = await runCredo(["process", "acme"], { env: h.env() });
  expect(warm.code).toBe(0);
  warmCache = await readdir(join(h.home, ".credo/cache"));
});

afterAll(async () => {
  await h.cleanup();
});

let warmCache: string[] = [];

beforeEach(async () => {
  h.emu.clearFaults();
  h.emu.resetCalls();
  // Only the hub's session stays cached: each test's role or SSO call must reach the emulator.
  const dir = join(h.home, ".credo/cache");
  for (const name of await readdir(dir)) if (!warmCache.includes(name)) await rm(join(dir, name));
});

function readConfig(): Promise<string> {
  return readFile(h.configFile, "utf8");
}

/** One message line plus one hint line, no stack trace, and the home byte for byte as before. */
async function expectCleanFailure(
  run: () => Promise<CredoRun>,
  exitCode: number,
  message: RegExp,
): Promise<CredoRun> {
  const before = await snapshotTree(h.home);
  const result = await run();
  expect(result.stdout).toBe("");
  expect(result.code).toBe(exitCode);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^credo: /);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(await snapshotTree(h.home)).toEqual(before);
  return result;
}

const exportRole = () => runCredo(["export", "dev", "--format", "json"], { env: h.env() });
const exportSso = () => runCredo(["export", "sso-dev", "--format", "json"], { env: h.env() });

describe("STS faults through credo export on a role", () => {
  it("retries 500s three times, then exits 6 with one message", async () => {
    h.emu.failNext("sts:AssumeRole", { status: 500, code: "InternalFailure", times: 3 });
    await expectCleanFailure(exportRole, 6, /AssumeRole .* failed \(InternalFailure/);
    expect(h.emu.calls("sts:AssumeRole")).toBe(3);
  });

  it("recovers when the retry after two 500s succeeds", async () => {
    h.emu.failNext("sts:AssumeRole", { status: 500, times: 2 });
    const result = await exportRole();
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveProperty("AWS_SESSION_TOKEN");
    expect(h.emu.calls("sts:AssumeRole")).toBe(3);
  });

  it("backs off on 503 Throttling and gives up after three attempts", async () => {
    h.emu.failNext("sts:AssumeRole", { status: 400, code: "Throttling", times: 3 });
    h.emu.failNext("sts:GetCallerIdentity", { status: 503, code: "Throttling", times: 3 });
    await expectCleanFailure(
      () => runCredo(["whoami", "acme"], { env: h.env() }),
      6,
      /GetCallerIdentity failed \(Throttling/,
    );
    // The three calls are the attempts of the SDK's standard retry strategy, which waits a
    // random fraction of 0.5 s, then of 1 s, before retrying throttling (its own timing,
    // which a test on a shared machine does not time).
    expect(h.emu.attempts("sts:GetCallerIdentity")).toEqual([
      "attempt=1; max=3",
      "attempt=2; max=3",
      "attempt=3; max=3",
    ]);
  });

  it("a dropped connection is retried, then reported as unreachable (exit 6)", async () => {
    h.emu.failNext("sts:AssumeRole", { closeConnection: true, times: 3 });
    await expectCleanFailure(exportRole, 6, /AWS endpoint could not be reached/);
    expect(h.emu.calls("sts:AssumeRole")).toBe(3);
  });

  it("a malformed XML answer ends in one clear message", async () => {
    h.emu.failNext("sts:AssumeRole", { malformedBody: true, times: 3 });
    await expectCleanFailure(
      exportRole,
      6,
      /AssumeRole .* failed: the endpoint answered with a response that is not/,
    );
  });

  it("an endpoint where nothing listens is unreachable (exit 6), after retries", async () => {
    const closed = await closedPort();
    await expectCleanFailure(
      () =>
        runCredo(["export", "dev"], {
          env: h.env({ AWS_ENDPOINT_URL: `http://127.0.0.1:${closed}` }),
        }),
      6,
      /AWS endpoint could not be reached \(.*ECONNREFUSED/,
    );
  });
});

describe("the request timeout, in process", () => {
  // credo's own timeout is 10 s; the same code with 200 ms, so no test waits on the clock.
  it("an attempt that hangs past the request timeout is abandoned and retried", async () => {
    // A first attempt left to finish would answer (after 5 s) and be the only call.
    h.emu.failNext("sts:GetCallerIdentity", { delayMs: 5_000 });
    const identity = await getCallerIdentity(
      { region: "eu-west-1", endpoint: h.emu.url, requestTimeoutMs: 200 },
      { accessKeyId: h.demo.hub.accessKeyId, secretAccessKey: h.demo.hub.secretAccessKey },
    );
    expect(identity.arn).toBe(h.demo.hub.arn);
    expect(h.emu.calls("sts:GetCallerIdentity")).toBe(2);
  });

  it("a hanging endpoint ends in a network error after three timed-out attempts", async () => {
    const sockets: Socket[] = [];
    const hanging = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const port = (hanging.address() as AddressInfo).port;
    try {
      const error = await getCallerIdentity(
        { region: "eu-west-1", endpoint: `http://127.0.0.1:${port}`, requestTimeoutMs: 200 },
        { accessKeyId: "AKIAEXAMPLEEXAMPLE00", secretAccessKey: "not-a-real-secret-key" },
      ).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CredoError);
      expect((error as CredoError).exitCode).toBe("network");
      expect((error as CredoError).message).toMatch(/could not be reached .*requestTimeout/);
    } finally {
      for (const socket of sockets) socket.destroy();
      await closeServer(hanging);
    }
  });
});

describe("SSO GetRoleCredentials faults", () => {
  it("retries 500s, then exits 6 with the files unchanged", async () => {
    h.emu.failNext("sso:GetRoleCredentials", { status: 500, times: 3 });
    await expectCleanFailure(exportSso, 6, /GetRoleCredentials/);
    expect(h.emu.calls("sso:GetRoleCredentials")).toBe(3);
  });

  it("a rejected token is an auth failure (exit 4) pointing at sso login", async () => {
    h.emu.failNext("sso:GetRoleCredentials", {
      status: 401,
      code: "UnauthorizedException",
      message: "Session token not found or invalid",
    });
    const result = await expectCleanFailure(exportSso, 4, /SSO access token was rejected/);
    expect(result.stderr).toMatch(/credo sso login/);
  });

  it("malformed JSON ends in one clear message", async () => {
    h.emu.failNext("sso:GetRoleCredentials", { malformedBody: true, times: 3 });
    await expectCleanFailure(
      exportSso,
      6,
      /GetRoleCredentials .* failed: the endpoint answered with a response that is not/,
    );
  });

  it("recovers after one dropped connection", async () => {
    h.emu.failNext("sso:GetRoleCredentials", { closeConnection: true });
    const result = await exportSso();
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(h.emu.calls("sso:GetRoleCredentials")).toBe(2);
  });
});

async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await closeServer(server);
  return port;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

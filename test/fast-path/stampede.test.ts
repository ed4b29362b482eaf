import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCredo } from "../support/run-credo.js";
import type { CredoRun } from "../support/run-credo.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";

const processes = 32;

let h: HubHome;

beforeAll(async () => {
  h = await hubHome({ profiles: "hand-written", mfaProcess: true });
});

afterAll(async () => {
  await h.cleanup();
});

function all(): Promise<CredoRun[]> {
  return Promise.all(
    Array.from({ length: processes }, () =>
      runCredo(["process", "dev"], { env: h.env(), timeoutMs: 60_000 }),
    ),
  );
}

function expectOneSession(runs: CredoRun[]): string {
  for (const run of runs) {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  }
  const outputs = new Set(runs.map((run) => run.stdout));
  expect(outputs.size).toBe(1);
  expect(h.emu.calls("sts:GetSessionToken")).toBe(1);
  expect(h.emu.calls("sts:AssumeRole")).toBe(1);
  return runs[0]?.stdout ?? "";
}

describe("no stampede", () => {
  it("32 processes on a cold cache make one GetSessionToken and one AssumeRole", async () => {
    h.emu.resetCalls();
    const output = expectOneSession(await all());
    expect(JSON.parse(output)).toMatchObject({ Version: 1 });
  }, 90_000);

  it("the same when the cached sessions are inside the refresh margin", async () => {
    const dir = join(h.home, ".credo/cache");
    const soon = new Date(Date.now() + 2 * 60_000).toISOString();
    for (const name of (await readdir(dir)).filter((entry) => entry.endsWith(".json"))) {
      const body = JSON.parse(await readFile(join(dir, name), "utf8")) as Record<string, unknown>;
      await writeFile(join(dir, name), JSON.stringify({ ...body, Expiration: soon }));
    }
    h.emu.resetCalls();
    const output = expectOneSession(await all());
    expect(
      new Date((JSON.parse(output) as { Expiration: string }).Expiration).getTime(),
    ).toBeGreaterThan(Date.now() + 30 * 60_000);
  }, 90_000);
});

import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import { credoBin, runCredo } from "../support/run-credo.js";

let h: HubHome;

beforeAll(async () => {
  // Long names: ~2 MB of output, more than a pipe or socket buffer holds.
  const padding = "x".repeat(80);
  let extra = "";
  for (let i = 0; i < 20_000; i += 1) extra += `[profile team-${padding}-${i}]\n`;
  h = await hubHome({ profiles: "hand-written", extra });
}, 60_000);

afterAll(async () => {
  await h.cleanup();
});

describe("output written straight to the descriptors", () => {
  it("prints the whole of a large output through a pipe, in order", async () => {
    const run = await runCredo(["list", "--names"], { env: h.env() });
    expect(run.code).toBe(0);
    const names = run.stdout.split("\n").filter(Boolean);
    expect(names).toHaveLength(20_002);
    expect(names).toEqual([...names].sort());
  });

  it("ends quietly with exit 0 when the reader stops early (`credo list --names | head -1`)", async () => {
    const child = spawn(process.execPath, [credoBin, "list", "--names"], { env: h.env() });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});

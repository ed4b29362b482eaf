import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ProfileDocument } from "../../src/profile-files/index.js";
import { credoBin, projectRoot } from "../support/run-credo.js";
import { recordTranscript } from "../support/secret-registry.js";
import type { HubHome } from "../support/hub-home.js";
import { credentialsFileOf, hubHome } from "../support/hub-home.js";

/**
 * `credo auth dev --keep-fresh` through the built CLI. The emulator's clock
 * lags (see hubHome), so each 900-second role session it issues is within
 * a minute of its end by credo's clock: keep-fresh rewrites the section every
 * second or so instead of every 56 minutes. Meanwhile the test reads the file
 * as fast as it can: it must parse every time (atomic writes), with the
 * user's own section untouched. SIGINT ends it cleanly.
 */
const userSection =
  "[mine]\naws_access_key_id = AKIAMINEMINEMINEMINE\naws_secret_access_key = mine-stays\n";

let hub: HubHome;
beforeAll(async () => {
  hub = await hubHome({ lagging: true, roleRegion: "eu-central-1" });
  await mkdir(`${hub.home}/.aws`, { recursive: true });
  await writeFile(credentialsFileOf(hub.home), userSection, { mode: 0o600 });
}, 120_000);
afterAll(async () => {
  await hub?.cleanup();
});

/** The access key id in [kf], after checking that the whole file parses and [mine] is as it was. */
function sectionKey(text: string): string | undefined {
  const document = ProfileDocument.parse(text, "credentials");
  expect(text.startsWith(userSection)).toBe(true);
  const kf = document.sections().find((section) => section.header?.name === "kf");
  return kf?.properties.find((property) => property.key === "aws_access_key_id")?.value;
}

it("rewrites the section with new keys ahead of expiry, always atomically, until SIGINT", async () => {
  const args = ["auth", "dev", "--as", "kf", "--duration", "900", "--keep-fresh"];
  const credo = spawn(process.execPath, [credoBin, ...args, "--mfa-code", hub.mfaCode()], {
    env: hub.env() as NodeJS.ProcessEnv,
    cwd: projectRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  credo.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  credo.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => credo.on("exit", (code) => resolve(code)));

  const seen: string[] = [];
  let reads = 0;
  const deadline = Date.now() + 40_000;
  while (seen.length < 3 && Date.now() < deadline) {
    const key = sectionKey(await readFile(credentialsFileOf(hub.home), "utf8"));
    reads += 1;
    if (key !== undefined && key !== seen.at(-1)) seen.push(key);
    await delay(10);
  }
  credo.kill("SIGINT");
  const code = await exited;
  recordTranscript({ argv: args, stdout, stderr });

  expect(seen.length, stderr).toBe(3);
  for (const key of seen) expect(key).toMatch(/^ASIA/);
  expect(new Set(seen).size).toBe(3);
  expect(reads).toBeGreaterThan(10);
  expect(stderr).toContain("Keeping it fresh");
  expect(stderr).toMatch(/Refreshed the credentials; they expire at /);
  // One MFA session for the whole run; each rewrite is a new AssumeRole through it.
  expect(hub.emu.calls("sts:GetSessionToken")).toBe(1);
  expect(hub.emu.calls("sts:AssumeRole")).toBeGreaterThanOrEqual(3);

  expect([0, 130]).toContain(code);
  const after = await readFile(credentialsFileOf(hub.home), "utf8");
  const last = sectionKey(after);
  expect(last).toMatch(/^ASIA/);
  expect(seen).toContain(last);
  expect(after).toMatch(/^# .*credo/m);
}, 60_000);

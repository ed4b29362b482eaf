import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import type { CredoRun } from "../support/run-credo.js";
import { runCredo } from "../support/run-credo.js";

/**
 * A role's external_id is a shared secret between the account owner and the
 * party that assumes the role (the confused-deputy guard): it stays in
 * ~/.aws/config, where the user put it, and appears in no output, --debug
 * log or file credo writes under CREDO_HOME (the session cache's `Key`).
 */
const externalId = "xid-Planted-7f3c9a1e-DoNotLeak";

let h: HubHome;

beforeAll(async () => {
  h = await hubHome({
    profiles: "hand-written",
    mfaProcess: true,
    extra: `[profile partner]\nrole_arn = ROLE\nsource_profile = acme\nexternal_id = ${externalId}\nregion = eu-west-1\n`,
  });
  await writeFile(
    h.configFile,
    (await readFile(h.configFile, "utf8")).replace("ROLE", h.demo.roles.dev),
  );
}, 60_000);
afterAll(async () => {
  await h.cleanup();
});

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) found.push(...(await filesUnder(path)));
    else found.push(path);
  }
  return found;
}

describe("external_id", () => {
  it("is in no output, --debug log or file under CREDO_HOME", async () => {
    const runs: CredoRun[] = [];
    const leaks: string[] = [];
    for (const args of [
      ["export", "partner", "--debug"],
      ["export", "partner", "--debug"],
      ["process", "partner", "--debug"],
      ["process", "partner"],
      ["whoami", "partner", "--debug"],
      ["explain", "partner", "--debug"],
      ["list", "--json", "--debug"],
    ]) {
      const run = await runCredo(args, { env: h.env() });
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(0);
      if ((run.stdout + run.stderr).includes(externalId)) leaks.push(`credo ${args.join(" ")}`);
      runs.push(run);
    }
    // The role session really was fetched with the external id, and cached.
    expect(runs[0]?.stderr).toContain("debug:");
    const cacheFiles = await filesUnder(join(h.home, ".credo"));
    const assumeRoleEntries: string[] = [];
    for (const path of cacheFiles) {
      const text = await readFile(path, "latin1");
      if (text.includes(externalId)) leaks.push(path.slice(h.home.length));
      if (text.includes('"AssumeRole"')) assumeRoleEntries.push(text);
    }
    // The entry still says that its session has an external id, masked.
    expect(assumeRoleEntries.some((text) => text.includes('"externalId": "****"'))).toBe(true);
    expect(leaks).toEqual([]);
  });

  // Regression: keying a hub's session by its access key id put the long-term
  // AKIA id in clear in the cache's Key and the --debug lines.
  it("leaves the hub's long-term access key id masked in --debug logs and cache entries", async () => {
    const hubKeyId = h.demo.hub.accessKeyId;
    // As `credo hub add` records it: the hub's session is then keyed by the key id.
    await writeFile(
      join(h.home, ".credo", "hubs.json"),
      JSON.stringify({ acme: { accessKeyId: hubKeyId } }),
    );
    const run = await runCredo(["export", "partner", "--debug"], { env: h.env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("debug:");
    expect(run.stdout + run.stderr).not.toContain(hubKeyId);
    const cacheEntries = (await filesUnder(join(h.home, ".credo"))).filter((path) =>
      path.includes(`${join(".credo", "cache")}`),
    );
    const hubEntries = await Promise.all(cacheEntries.map((path) => readFile(path, "utf8")));
    // The hub's session keyed by its id is there (masked), so the check below has something to check.
    expect(hubEntries.some((text) => text.includes('"accessKeyId": "AKIA'))).toBe(true);
    for (const path of cacheEntries) expect(await readFile(path, "utf8")).not.toContain(hubKeyId);
  });
});

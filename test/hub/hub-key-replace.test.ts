import { CreateAccessKeyCommand, IAMClient } from "@aws-sdk/client-iam";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maskAccessKeyId } from "../../src/aws/mask-access-key-id.js";
import { defaultRefreshMarginMs } from "../../src/cache/cache-file.js";
import { cachedProcessCredentials } from "../../src/fast-path/cached-process-credentials.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import { demoHubAddArgs } from "../support/demo-hub-add.js";
import { plantSecret } from "../support/secret-registry.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { hubHomeScryptCost } from "../support/vault-file.js";

/**
 * A hub's MFA session belongs to the access key that made it: after `credo
 * hub add` replaces the hub's key, the next request makes a new session with
 * the new key (never the old key's cached one), and the `credo process` fast
 * path finds that new session too.
 */
let hub: HubHome;

beforeAll(async () => {
  hub = await hubHome({ roleRegion: "eu-central-1" });
}, 120_000);
afterAll(async () => {
  await hub?.cleanup();
});

async function hubSessionKeys(): Promise<Record<string, unknown>[]> {
  const dir = join(hub.home, ".credo/cache");
  const keys: Record<string, unknown>[] = [];
  for (const name of (await readdir(dir)).filter((entry) => entry.endsWith(".json"))) {
    const body = JSON.parse(await readFile(join(dir, name), "utf8")) as {
      Key: Record<string, unknown>;
    };
    if (body.Key["kind"] === "GetSessionToken") keys.push(body.Key);
  }
  return keys;
}

describe("replacing a hub's access key", () => {
  it("makes the next request call GetSessionToken with the new key, and the fast path agrees", async () => {
    const first = await hub.main([
      "export",
      "acme",
      "--format",
      "json",
      "--mfa-code",
      hub.mfaCode(),
    ]);
    expect(first.code, first.stderr).toBe(0);
    const cached = await hub.main(["export", "acme", "--format", "json"]);
    expect(cached.code, cached.stderr).toBe(0);
    expect(hub.emu.calls("sts:GetSessionToken")).toBe(1);

    // Key B: a second access key of the same IAM user, created through IAM with key A.
    const iam = new IAMClient({
      region: "us-east-1",
      endpoint: hub.emu.url,
      credentials: {
        accessKeyId: hub.demo.hub.accessKeyId,
        secretAccessKey: hub.demo.hub.secretAccessKey,
      },
    });
    const created = (await iam.send(new CreateAccessKeyCommand({}))).AccessKey;
    const keyB = { id: created?.AccessKeyId ?? "", secret: created?.SecretAccessKey ?? "" };
    plantSecret("long-term-secret", "replacement hub secret key", keyB.secret);
    const replace = await credoInProcess(
      demoHubAddArgs(hub.demo).map((arg) => (arg === hub.demo.hub.accessKeyId ? keyB.id : arg)),
      { env: hub.env(), input: `${keyB.secret}\n`, vaultScryptCost: hubHomeScryptCost },
    );
    expect(replace.code, replace.stderr).toBe(0);

    const afterReplace = await hub.main([
      "export",
      "acme",
      "--format",
      "json",
      "--mfa-code",
      hub.mfaCode(),
    ]);
    expect(afterReplace.code, afterReplace.stderr).toBe(0);
    expect(hub.emu.calls("sts:GetSessionToken")).toBe(2);
    expect(JSON.parse(afterReplace.stdout)).not.toEqual(JSON.parse(first.stdout));
    // Only the new key's session is cached, and its key names the new key (masked, as in all output).
    expect((await hubSessionKeys()).map((key) => key["accessKeyId"])).toEqual([
      maskAccessKeyId(keyB.id),
    ]);
    expect(JSON.stringify(await hubSessionKeys())).not.toContain(keyB.id);

    // The fast path computes the same key: it serves the new session, without STS.
    const served = await cachedProcessCredentials({
      profileOption: "acme",
      env: hub.env(),
      homedir: hub.home,
      platform: "linux",
      files: nodeFileReader,
      now: Date.now(),
      refreshMarginMs: defaultRefreshMarginMs,
    });
    expect(served?.accessKeyId).toBe(
      (JSON.parse(afterReplace.stdout) as { AWS_ACCESS_KEY_ID: string }).AWS_ACCESS_KEY_ID,
    );
    expect(hub.emu.calls("sts:GetSessionToken")).toBe(2);
  });

  it("never serves a session cached for another key than the one recorded, and refuses a vault holding another key", async () => {
    // As if the vault were restored from a copy holding another key than hubs.json records.
    const hubsFile = join(hub.home, ".credo/hubs.json");
    const recorded = await readFile(hubsFile, "utf8");
    await writeFile(hubsFile, JSON.stringify({ acme: { accessKeyId: "AKIAOTHERKEYOTHER000" } }));
    try {
      const calls = hub.emu.calls("sts:GetSessionToken");
      const run = await hub.main(["export", "acme", "--format", "json"]);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(
        'The vault holds another access key for hub "acme" than the one credo recorded.',
      );
      expect(run.stdout).toBe("");
      expect(hub.emu.calls("sts:GetSessionToken")).toBe(calls);
    } finally {
      await writeFile(hubsFile, recorded);
    }
    const again = await hub.main(["export", "acme", "--format", "json"]);
    expect(again.code, again.stderr).toBe(0);
  });
});

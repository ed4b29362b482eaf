import { randomUUID } from "node:crypto";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCacheTime, tokenCachePath } from "../../src/sso/token-cache.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import type { CredoRun } from "../support/run-credo.js";
import { runCommand, runCredo } from "../support/run-credo.js";
import { findLeaks, isSecretStore } from "../support/secret-leaks.js";
import type { PlantedSecret } from "../support/secret-registry.js";
import {
  plantSecret,
  readPlantedSecrets,
  readTranscripts,
  recordTranscript,
} from "../support/secret-registry.js";
import { snapshotTree } from "./home-snapshot.js";

let h: HubHome;
const planted: PlantedSecret[] = [];

function plant(kind: PlantedSecret["kind"], label: string, value: string): void {
  plantSecret(kind, label, value);
  planted.push({ kind, label, value });
}

const ssoConfig = (startUrl: string) =>
  `\n[sso-session corp]\nsso_start_url = ${startUrl}\nsso_region = eu-west-1\n\n` +
  `[profile sso-dev]\nsso_session = corp\nsso_account_id = 222222222222\nsso_role_name = Developer\nregion = eu-west-1\n`;

beforeAll(async () => {
  // Its own passphrase: other test files type the shared one into terminals, seen by ps below.
  h = await hubHome({
    profiles: "hand-written",
    mfaProcess: true,
    passphrase: `secrets-test-${randomUUID()}`,
  });
  await writeFile(
    h.configFile,
    (await readFile(h.configFile, "utf8")) + ssoConfig(h.emu.sso.startUrl),
  );
  const accessToken = h.emu.sso.issueAccessToken(Date.now());
  const refreshToken = `refresh-${accessToken.slice(0, 24)}-planted`;
  await mkdir(join(h.home, ".aws/sso/cache"), { recursive: true });
  await writeFile(
    tokenCachePath(h.home, { sessionName: "corp", startUrl: h.emu.sso.startUrl }),
    JSON.stringify({
      startUrl: h.emu.sso.startUrl,
      region: "eu-west-1",
      accessToken,
      expiresAt: formatCacheTime(Date.now() + 3_600_000),
      refreshToken,
    }),
    { mode: 0o600 },
  );
  plant("long-term-secret", "hub secret access key", h.demo.hub.secretAccessKey);
  plant("passphrase", "vault passphrase", h.passphrase);
  plant("sso-token", "SSO access token", accessToken);
  plant("sso-token", "SSO refresh token", refreshToken);
});

afterAll(async () => {
  await h.cleanup();
});

/** Runs credo and registers every session token it hands out, so later runs are checked for them. */
async function credo(args: string[]): Promise<CredoRun> {
  const run = await runCredo(args, {
    env: h.env({ CREDO_SIGNIN_URL: `${h.emu.url}/federation` }),
  });
  for (const match of run.stdout.matchAll(
    /"?(?:SessionToken|AWS_SESSION_TOKEN)"?\s*[:=]\s*["']?([A-Za-z0-9+/=_-]{16,})/g,
  ))
    plant("session-token", `session token from credo ${args.join(" ")}`, match[1] ?? "");
  return run;
}

describe("secrets never leave where they belong", () => {
  it("through every kind of command, with --debug, their output and the files they write", async () => {
    const runs = [
      await credo(["process", "acme"]),
      await credo(["export", "dev", "--format", "json"]),
      await credo(["export", "sso-dev", "--debug"]),
      await credo(["whoami", "dev", "--debug"]),
      await credo(["whoami", "sso-dev", "--json"]),
      await credo(["explain", "dev", "--debug"]),
      await credo(["auth", "dev", "--as", "work", "--debug"]),
      await credo(["list", "--json"]),
      await credo(["doctor"]),
      await credo(["hub", "list", "--debug"]),
      await credo(["crypto", "status", "--debug"]),
      await credo(["web", "dev", "--print", "--debug"]),
      await credo(["unauth", "work", "--debug"]),
      // A failing run (the vault must be opened, with the wrong passphrase): the error path must be as clean.
      await rm(join(h.home, ".credo/cache"), { recursive: true, force: true }).then(() =>
        runCredo(["process", "acme", "--debug"], {
          env: h.env({ CREDO_PASSPHRASE: "wrong passphrase!" }),
        }),
      ),
    ];
    // doctor (index 8) exits with the severity of its findings; every other run but the last succeeds.
    const failed = runs.slice(0, -1).filter((run, index) => index !== 8 && run.code !== 0);
    expect(failed.map((run) => run.stderr)).toEqual([]);
    expect(runs.at(-1)?.code).toBe(5);
    expect(
      planted.filter((secret) => secret.kind === "session-token").length,
    ).toBeGreaterThanOrEqual(3);
    // The transcripts the global teardown will scan hold these runs; check them now too, for a precise failure.
    const mine = readTranscripts().filter((t) =>
      runs.some((run) => run.stdout === t.stdout && run.stderr === t.stderr),
    );
    expect(mine.length).toBeGreaterThanOrEqual(runs.length - 1);
    expect(findLeaks(mine, planted)).toEqual([]);
  });

  it("files in the home outside the vault and the caches hold no long-term secret, passphrase or SSO token", async () => {
    const tree = await snapshotTree(h.home);
    const leaks: string[] = [];
    for (const [path, entry] of Object.entries(tree)) {
      if (!entry.startsWith("file ") || isSecretStore(path)) continue;
      const text = await readFile(join(h.home, path), "latin1");
      for (const secret of planted) {
        // `credo auth` writes temporary credentials into ~/.aws/credentials by design.
        if (secret.kind === "session-token" && path === ".aws/credentials") continue;
        if (text.includes(secret.value)) leaks.push(`${secret.label} in ${path}`);
      }
    }
    expect(leaks).toEqual([]);
    // And the vault really is encrypted: the long-term secret is not in it as text.
    expect(await readFile(join(h.home, ".credo/vault.json"), "latin1")).not.toContain(
      h.demo.hub.secretAccessKey,
    );
  });

  it("child processes' command lines never carry a secret (sampled with ps while credo runs its MFA process)", async () => {
    await rm(join(h.home, ".credo/cache"), { recursive: true, force: true });
    const config = await readFile(h.configFile, "utf8");
    await writeFile(
      h.configFile,
      config.replace("print-totp.mjs", "../../hardening/fixtures/slow-totp.mjs"),
    );
    const seen = new Set<string>();
    let running = true;
    const sampler = (async () => {
      while (running) {
        const { stdout } = await promisify(execFile)("ps", ["-eo", "args"]);
        for (const line of stdout.split("\n")) seen.add(line);
      }
    })();
    const run = await credo(["export", "dev"]);
    running = false;
    await sampler;
    await writeFile(h.configFile, config);
    expect(run.code).toBe(0);
    // The sampler saw the MFA helper credo started: the sampling is fast enough to matter.
    expect([...seen].some((line) => line.includes("slow-totp.mjs"))).toBe(true);
    expect(
      [...seen].some((line) => line.includes("process acme") || line.includes("export dev")),
    ).toBe(true);
    const leaks = planted.filter((secret) => [...seen].some((line) => line.includes(secret.value)));
    expect(leaks.map((secret) => secret.label)).toEqual([]);
  });
});

describe("the harness itself", () => {
  it("catches a deliberately leaking run (recorded in an isolated folder, so the suite stays green)", async () => {
    const root = await mkdtemp(join(tmpdir(), "credo-leak-harness-"));
    try {
      const secret = plantSecret(
        "long-term-secret",
        "leaked key",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYLEAKING",
        root,
      );
      const token = plantSecret(
        "session-token",
        "a session token",
        "FwoGZXIvYXdzEXAMPLETOKENVALUE",
        root,
      );
      const leaking = await runCommand(process.execPath, [
        "-e",
        `console.error(${JSON.stringify(secret)})`,
      ]);
      recordTranscript({ argv: ["whoami"], stdout: leaking.stdout, stderr: leaking.stderr }, root);
      recordTranscript({ argv: ["export", "dev"], stdout: token, stderr: "" }, root);
      recordTranscript({ argv: ["list"], stdout: `x ${token} y`, stderr: "" }, root);
      const leaks = findLeaks(readTranscripts(root), readPlantedSecrets(root));
      expect(leaks).toEqual([
        { secret: "leaked key", kind: "long-term-secret", where: "stderr of credo whoami" },
        { secret: "a session token", kind: "session-token", where: "stdout of credo list" },
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

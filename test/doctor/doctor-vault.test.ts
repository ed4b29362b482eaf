import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { credoOnPath } from "../support/credo-on-path.js";
import { homeEnv, makeTempHome, runCredo } from "../support/run-credo.js";
import { vaultPath, writeVaultAtCost } from "../vault/vault-fixture.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A home with nothing for doctor to report but the vault a test puts in it. */
async function makeHome() {
  const { home, cleanup } = await makeTempHome();
  cleanups.push(cleanup);
  await mkdir(join(home, ".aws"), { mode: 0o700 });
  await writeFile(join(home, ".aws/config"), "[default]\nregion = eu-west-1\n", { mode: 0o600 });
  const { path } = await credoOnPath(home);
  // No CREDO_PASSPHRASE: doctor never needs one.
  return { home, credoHome: join(home, ".credo"), env: homeEnv(home, { PATH: path }) };
}

interface DoctorJson {
  findings: Array<{ check: string; severity: string; what: string; fix: string }>;
}

async function doctor(env: Record<string, string>) {
  const run = await runCredo(["doctor", "--json"], { env });
  return { code: run.code, stderr: run.stderr, report: JSON.parse(run.stdout) as DoctorJson };
}

describe("credo doctor on the vault's key", () => {
  it("reports a key derived below scrypt N=2^17 and says the next write strengthens it; the vault is not touched", async () => {
    const { credoHome, env } = await makeHome();
    await writeVaultAtCost(credoHome, "an older passphrase", 2 ** 16, { "hub:acme": "x" });
    const before = await readFile(vaultPath(credoHome));
    const { code, report, stderr } = await doctor(env);
    expect(report.findings).toEqual([
      {
        check: "vault-key-cost",
        severity: "warning",
        what: `The vault in ${credoHome} derives its key with scrypt N=2^16, below the minimum of N=2^17.`,
        fix: "The vault's next change strengthens it; `credo crypto change-passphrase` does so now.",
      },
    ]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(await readFile(vaultPath(credoHome))).toEqual(before);
  });

  it("reports nothing about a vault at N=2^17", async () => {
    const { credoHome, env } = await makeHome();
    await writeVaultAtCost(credoHome, "a passphrase", 2 ** 17, { "hub:acme": "x" });
    const { code, report } = await doctor(env);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
  });

  it("reports a tampered vault as an error rather than calling it unencrypted", async () => {
    const { credoHome, env } = await makeHome();
    await writeVaultAtCost(credoHome, "a passphrase", 2 ** 17, { "hub:acme": "x" });
    const document = JSON.parse(await readFile(vaultPath(credoHome), "utf8")) as object;
    const forged = JSON.stringify({ ...document, plain: false, entries: {} });
    await writeFile(vaultPath(credoHome), forged);
    const { code, report } = await doctor(env);
    expect(report.findings).toEqual([
      {
        check: "vault-damaged",
        severity: "error",
        what: `The vault ${vaultPath(credoHome)} is damaged or was tampered with: it has fields an encrypted vault does not have: entries, plain.`,
        fix: "credo left the file as it is. Restore it from a backup, or move it away and add your hubs again.",
      },
    ]);
    expect(code).toBe(2);
    expect(await readFile(vaultPath(credoHome), "utf8")).toBe(forged);
  });
});

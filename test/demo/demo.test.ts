import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { assertNothingSecretLeft } from "../../src/demo/nothing-secret-left.js";
import { CredoError } from "../../src/errors.js";
import { runCommand } from "../support/run-credo.js";

const homes: string[] = [];
afterEach(async () => {
  await Promise.all(homes.splice(0).map((home) => rm(home, { recursive: true, force: true })));
});

async function homeWith(files: Record<string, string>): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), "credo-demo-test-"));
  homes.push(home);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(home, path, ".."), { recursive: true });
    await writeFile(join(home, path), text);
  }
  return home;
}

describe("npm run demo", () => {
  it("runs the seed's story against the emulator, prints every step, and exits 0", async () => {
    const run = await runCommand("npm", ["run", "--silent", "demo"], {
      env: { HOME: tmpdir() },
      timeoutMs: 60_000,
    });
    expect(run.code, run.stderr).toBe(0);
    const headings = run.stdout.split("\n").filter((line) => line.startsWith("== "));
    expect(headings).toEqual([
      "== 1. A local AWS",
      "== 2. Add the hub",
      "== 3. Add the dev and prod roles",
      "== 4. Authenticate once with an MFA code",
      "== 5. whoami through the AWS SDK on the written credentials",
      "== 6. whoami through credential_process",
      "== 7. The AWS console",
      "== 8. Unauth",
      "== 9. Nothing secret in plain text",
    ]);
    expect(run.stdout).toMatch(/^ {2}arn:aws:sts::222222222222:assumed-role\/Developer\//m);
    expect(run.stdout).toMatch(/^ {2}arn:aws:sts::333333333333:assumed-role\/Admin\//m);
    expect(run.stdout).toMatch(/signed in as arn:aws:sts::222222222222:assumed-role\/Developer\//);
    expect(run.stdout).toMatch(/^ {2}clean {2}\.credo\/vault\.json$/m);
    expect(run.stdout).toContain("only the encrypted vault holds it");
    expect(run.stdout.trimEnd().endsWith("Done.")).toBe(true);
  }, 90_000);
});

describe("the demo's final check", () => {
  const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  it("reads every file, however deep, and fails naming the one that holds the secret", async () => {
    const home = await homeWith({
      ".aws/config": "[profile acme]\nregion = eu-west-1\n",
      ".credo/vault.json": '{"ciphertext":"..."}',
      ".credo/cache/deep/leak.json": `{"SecretAccessKey":"${secret}"}`,
    });
    const lines: string[] = [];
    const check = assertNothingSecretLeft(home, secret, (line) => lines.push(line));
    await expect(check).rejects.toThrow(CredoError);
    await expect(assertNothingSecretLeft(home, secret, () => undefined)).rejects.toThrow(
      "The hub's secret access key is in plain text in .credo/cache/deep/leak.json.",
    );
    expect(lines).toEqual([
      "  clean  .aws/config",
      "  FOUND  .credo/cache/deep/leak.json",
      "  clean  .credo/vault.json",
    ]);
  });

  it("passes when no file holds it", async () => {
    const home = await homeWith({
      ".aws/credentials": "",
      ".credo/vault.json": '{"ciphertext":"..."}',
    });
    const lines: string[] = [];
    await assertNothingSecretLeft(home, secret, (line) => lines.push(line));
    expect(lines.at(-1)).toBe(
      "The hub's secret access key is in none of these 2 files: only the encrypted vault holds it.",
    );
  });
});

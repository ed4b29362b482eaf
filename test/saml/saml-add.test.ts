import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credoInProcess } from "../support/credo-in-process.js";
import { homeEnv, makeTempHome, projectRoot } from "../support/run-credo.js";

const url = "https://idp.example.com/app/aws/exk1";
const original = "# mine\n[profile mine]\nregion = eu-west-1\n";

describe("credo saml add", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  const config = () => join(home, ".aws/config");
  const credo = (args: string[]) =>
    credoInProcess(["saml", "add", ...args], { env: homeEnv(home) });

  beforeAll(async () => {
    ({ home, cleanup } = await makeTempHome());
    await mkdir(join(home, ".aws"));
    await writeFile(config(), original);
  });
  afterAll(async () => {
    await cleanup();
  });

  it.each([
    [["corp", "--url", "http://idp.example.com/app"], "--url must be an https URL (got http)."],
    [["corp", "--url", "not a url"], "--url not a url is not a URL."],
    [["corp", "--url", url, "--role-arn", "Admin"], "--role-arn Admin is not an IAM role ARN."],
    [
      ["corp", "--url", url, "--duration", "60"],
      "--duration 60 is not a number of seconds from 900 to 43200.",
    ],
    [["corp", "--url", url, "--region", "mars"], "--region mars is not an AWS region."],
    [["bad name", "--url", url], '"bad name" is not a valid profile name.'],
  ])(
    "refuses %j with one message and exit 2, leaving the config as it was",
    async (args, message) => {
      const run = await credo(args);
      expect(run.code).toBe(2);
      expect(run.stderr.split("\n")[0]).toContain(message);
      expect(await readFile(config(), "utf8")).toBe(original);
    },
  );

  it("never overwrites a profile credo did not write (exit 3)", async () => {
    const run = await credo(["mine", "--url", url]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      `The profile "mine" already exists in ${config()} and credo did not write it.`,
    );
    expect(await readFile(config(), "utf8")).toBe(original);
  });

  it("adds, then updates its own profile in place (a dropped option's key goes)", async () => {
    expect((await credo(["corp", "--url", url, "--duration", "7200"])).code).toBe(0);
    const run = await credo(["corp", "--url", url, "--region", "eu-west-1"]);
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(config(), "utf8")).toBe(
      `${original}\n[profile corp]\n` +
        `credential_process = ${join(projectRoot, "bin/credo.js")} process corp\n` +
        `credo_saml_url = ${url}\n` +
        "credo_managed = saml\n" +
        "region = eu-west-1\n",
    );
  });

  it("roles and sync --dry-run read the roles recorded from the last assertion (no browser)", async () => {
    const roles = [
      {
        roleArn: "arn:aws:iam::111111111111:role/Dev",
        principalArn: "arn:aws:iam::111111111111:saml-provider/Idp",
      },
      {
        roleArn: "arn:aws:iam::222222222222:role/Dev",
        principalArn: "arn:aws:iam::222222222222:saml-provider/Idp",
      },
    ];
    await mkdir(join(home, ".credo/saml"), { recursive: true });
    await writeFile(
      join(home, ".credo/saml/corp.json"),
      JSON.stringify({ roles, receivedAt: "2026-12-02T00:00:00.000Z" }),
    );
    const listed = await credoInProcess(["saml", "roles", "corp", "--json"], {
      env: homeEnv(home),
    });
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual(roles);
    const before = await readFile(config(), "utf8");
    const dryRun = await credoInProcess(["saml", "sync", "corp", "--dry-run"], {
      env: homeEnv(home),
    });
    expect(dryRun.code, dryRun.stderr).toBe(0);
    // Two accounts grant a role named Dev: the names carry the account.
    expect(dryRun.stdout).toContain("+[profile corp-111111111111-Dev]\n");
    expect(dryRun.stdout).toContain("+[profile corp-222222222222-Dev]\n");
    expect(dryRun.stdout).toContain("+credo_saml_browser_profile = corp\n");
    expect(await readFile(config(), "utf8")).toBe(before);
  });
});

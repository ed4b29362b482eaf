import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { parseRegistry } from "../../src/team/registry-file.js";
import { hubHome } from "../support/hub-home.js";
import { homeEnv } from "../support/run-credo.js";
import { credoInProcess } from "../support/credo-in-process.js";

let emulator: Emulator;
let root: string;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startEmulator();
  root = await mkdtemp(join(tmpdir(), "credo-team-generate-"));
  // More accounts than one page of ListAccounts (20), one suspended, two with one name.
  for (let index = 1; index <= 24; index += 1) {
    emulator.organizations.addAccount({
      id: String(100000000000 + index),
      name: `Workload ${String(index).padStart(2, "0")}`,
    });
  }
  emulator.organizations.addAccount({
    id: "200000000001",
    name: "Old Project",
    status: "SUSPENDED",
  });
  emulator.organizations.addAccount({ id: "300000000001", name: "Data Lake" });
  emulator.organizations.addAccount({ id: "300000000002", name: "data  lake" });
  emulator.organizations.addAccount({ id: "400000000001", name: "Management" });
  const user = emulator.createUser({ account: "400000000001", userName: "platform" });
  await mkdir(join(root, ".aws"), { recursive: true });
  await writeFile(
    join(root, ".aws", "credentials"),
    `[org-admin]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`,
  );
  env = homeEnv(root, { AWS_ENDPOINT_URL: emulator.url });
});
afterAll(async () => {
  await emulator.stop();
  await rm(root, { recursive: true, force: true });
});

const generate = (extra: string[] = []) =>
  credoInProcess(
    [
      "team",
      "generate",
      "--organization",
      "--hub",
      "acme",
      "--role-name",
      "DEVELOPER",
      "--profile",
      "org-admin",
      ...extra,
    ],
    { env },
  );

describe("credo team generate --organization against the emulator", () => {
  it("lists every page and prints a valid registry with one role per active account", async () => {
    emulator.resetCalls();
    const run = await generate(["--exclude", "400000000001"]);
    expect(run.code, run.stderr).toBe(0);
    // 28 accounts at 20 a page.
    expect(emulator.calls("organizations:ListAccounts")).toBe(2);
    const sections = parseRegistry(run.stdout, "generated registry");
    const names = sections.map((section) => section.ref.name);
    expect(names).toHaveLength(26);
    expect(names.slice(0, 3)).toEqual([
      "data-lake-developer",
      "data-lake-developer-300000000002",
      "workload-01-developer",
    ]);
    expect(names).not.toContain("old-project-developer");
    expect(names).not.toContain("management-developer");
    expect(run.stdout).toContain(
      "# Workload 24 (100000000024)\n[profile workload-24-developer]\n" +
        "role_arn = arn:aws:iam::100000000024:role/DEVELOPER\nsource_profile = acme\n",
    );
    // Stable: the same organisation gives the same file.
    expect((await generate(["--exclude", "400000000001"])).stdout).toBe(run.stdout);
  });

  it("names profiles from the template", async () => {
    const run = await generate([
      "--name-template",
      "{account_id}-{role_name}",
      "--exclude",
      "Data Lake",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("[profile 100000000001-developer]");
    expect(run.stdout).not.toContain("[profile 300000000001-developer]");
  });

  it("fails with the auth exit code when AWS refuses the credentials", async () => {
    emulator.failNext("organizations:ListAccounts", {
      status: 400,
      code: "AccessDeniedException",
      message: "You don't have permissions to access this resource.",
    });
    const run = await generate();
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/ListAccounts/);
    expect(run.stdout).toBe("");
  });
});

describe("credo team generate through the hub's MFA session", () => {
  it("calls Organizations with the hub's session, asking for the MFA code once", async () => {
    const hub = await hubHome({ roleRegion: "eu-central-1" });
    try {
      hub.emu.organizations.addAccount({ id: "210987654321", name: "Shared Services" });
      hub.emu.resetCalls();
      const run = await hub.main([
        "team",
        "generate",
        "--organization",
        "--hub",
        "acme",
        "--role-name",
        "DEVELOPER",
        "--mfa-code",
        hub.mfaCode(),
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(hub.emu.calls("sts:GetSessionToken")).toBe(1);
      expect(hub.emu.calls("organizations:ListAccounts")).toBe(1);
      expect(run.stdout).toContain(
        "[profile shared-services-developer]\nrole_arn = arn:aws:iam::210987654321:role/DEVELOPER\nsource_profile = acme\n",
      );
    } finally {
      await hub.cleanup();
    }
  });
});

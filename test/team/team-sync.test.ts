import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CredoError } from "../../src/errors.js";
import { fixedClock } from "../../src/io/clock.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import {
  addTeam,
  listTeamsOf as listTeams,
  removeTeam,
  type AddTeamInput,
} from "../../src/team/manage-teams.js";
import { syncTeam, type TeamDeps } from "../../src/team/sync-team.js";
import { readTeam } from "../../src/team/team-store.js";
import { alice, bob, GitRegistry } from "./git-registry.js";

let root: string;
let home: string;
let configFile: string;
let registry: GitRegistry;
let deps: TeamDeps;
const clock = fixedClock(Date.UTC(2026, 0, 5));

const userConfig =
  "# my own settings\n[default]\nregion = us-east-1\n\n[profile acme]\n" +
  "credential_process = credo process acme\nmfa_serial = arn:aws:iam::111111111111:mfa/alice\n\n" +
  "[profile sandbox]\n; mine, not the team's\nregion=eu-central-1\n";

const role = (name: string, account: string, extra = "") =>
  `[profile ${name}]\nrole_arn = arn:aws:iam::${account}:role/DEVELOPER\nsource_profile = acme\n` +
  `mfa_serial = arn:aws:iam::111111111111:mfa/alice\nregion = eu-west-1\n${extra}`;

const firstRegistry =
  `# The team's accounts\n${role("dev", "222222222222")}\n${role("staging", "333333333333")}\n` +
  `${role("prod", "444444444444", "duration_seconds = 3600\n")}\n${role("sandbox", "555555555555")}\n` +
  "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n\n" +
  "[profile audit]\nsso_session = corp\nsso_account_id = 666666666666\nsso_role_name = ReadOnly\n";

function input(overrides: Partial<AddTeamInput> = {}): AddTeamInput {
  return {
    name: "acme",
    source: registry.bare,
    requireSigned: false,
    force: false,
    cwd: root,
    ...overrides,
  };
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "credo-team-"));
  home = join(root, "home");
  configFile = join(home, ".aws", "config");
  registry = await GitRegistry.create(root);
  execFileSync("mkdir", ["-p", join(home, ".aws")]);
  await writeFile(configFile, userConfig);
  deps = {
    env: { HOME: home, CREDO_HOME: join(home, ".credo"), PATH: process.env.PATH },
    files: nodeFileReader,
    homedir: home,
    platform: "linux",
    clock,
  };
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<CredoError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CredoError);
  return error as CredoError;
}

describe("team registry sync with real git", () => {
  it("adds the registry's sections, keeps the user's own, and syncs a second author's update", async () => {
    const first = await registry.commit(alice, { config: firstRegistry });
    const added = await addTeam(input(), deps);
    expect(added.commit).toBe(first);
    expect(added.author).toBe("Alice Admin <alice@example.com>");
    expect(added.added).toEqual([
      "profile dev",
      "profile staging",
      "profile prod",
      "sso-session corp",
      "profile audit",
    ]);
    // The user's [profile sandbox] wins over the team's.
    expect(added.conflicts).toEqual(["profile sandbox"]);
    let text = await readFile(configFile, "utf8");
    expect(text.startsWith(userConfig)).toBe(true);
    expect(text).toContain(
      "[profile dev]\nrole_arn = arn:aws:iam::222222222222:role/DEVELOPER\nsource_profile = acme\n" +
        "mfa_serial = arn:aws:iam::111111111111:mfa/alice\nregion = eu-west-1\ncredo_managed = team:acme\n",
    );
    expect(text).toContain(
      "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\ncredo_managed = team:acme\n",
    );
    expect((await stat(join(home, ".credo", "teams", "acme"))).mode & 0o777).toBe(0o700);

    // Bob changes one role, adds one and removes one.
    const next = firstRegistry
      .replace(
        "role/DEVELOPER\nsource_profile = acme\nmfa_serial = arn:aws:iam::111111111111:mfa/alice\nregion = eu-west-1\nduration_seconds = 3600",
        "role/DEVELOPER\nsource_profile = acme\nmfa_serial = arn:aws:iam::111111111111:mfa/alice\nregion = eu-west-1\nduration_seconds = 7200",
      )
      .replace(role("staging", "333333333333"), role("qa", "777777777777"));
    const second = await registry.commit(bob, { config: next });
    const synced = await syncTeam({ name: "acme", dryRun: false, force: false }, deps);
    expect(synced.commit).toBe(second);
    expect(synced.author).toBe("Bob Builder <bob@example.com>");
    expect(synced.added).toEqual(["profile qa"]);
    expect(synced.changed).toEqual(["profile prod"]);
    expect(synced.removed).toEqual(["profile staging"]);
    text = await readFile(configFile, "utf8");
    expect(text.startsWith(userConfig)).toBe(true);
    expect(text).toContain("duration_seconds = 7200");
    expect(text).not.toContain("[profile staging]");
    expect((await readTeam(nodeFileReader, join(home, ".credo"), "acme"))?.lastSync?.commit).toBe(
      second,
    );

    // Nothing new: nothing written.
    const again = await syncTeam({ name: "acme", dryRun: false, force: false }, deps);
    expect(again.written).toBe(false);

    // Removing the team gives back exactly the user's file.
    const removed = await removeTeam("acme", deps);
    expect(removed.removed).toHaveLength(5);
    expect(await readFile(configFile, "utf8")).toBe(userConfig);
  });

  it("prints a dry run as a diff and writes nothing", async () => {
    await registry.commit(alice, { config: firstRegistry });
    await addTeam(input(), deps);
    const before = await readFile(configFile, "utf8");
    await registry.commit(bob, { config: firstRegistry.replace("333333333333", "888888888888") });
    const dry = await syncTeam({ name: "acme", dryRun: true, force: false }, deps);
    expect(dry.changed).toEqual(["profile staging"]);
    expect(await dry.diff()).toContain("\n-role_arn = arn:aws:iam::333333333333:role/DEVELOPER\n");
    expect(await dry.diff()).toContain("\n+role_arn = arn:aws:iam::888888888888:role/DEVELOPER\n");
    expect(await readFile(configFile, "utf8")).toBe(before);
  });

  it("namespaces the team's names with --prefix, references included, the hub not", async () => {
    await registry.commit(alice, { config: firstRegistry });
    const result = await addTeam(input({ prefix: "acme-" }), deps);
    expect(result.conflicts).toEqual([]);
    const text = await readFile(configFile, "utf8");
    expect(text).toContain(
      "[profile acme-sandbox]\nrole_arn = arn:aws:iam::555555555555:role/DEVELOPER\nsource_profile = acme\n",
    );
    expect(text).toContain("[profile acme-audit]\nsso_session = acme-corp\n");
    expect(text).toContain("[sso-session acme-corp]");
  });

  const brokenCommits: [string, string, RegExp][] = [
    [
      "a key a registry may not set",
      firstRegistry + "credential_process = /tmp/evil\n",
      /sets credential_process/,
    ],
    ["a line that does not parse", firstRegistry + "this is not a property\n", /line \d+/],
    [
      "an invalid value",
      firstRegistry.replace("duration_seconds = 3600", "duration_seconds = 60"),
      /duration_seconds = 60/,
    ],
  ];
  for (const [what, text, message] of brokenCommits) {
    it(`refuses a commit with ${what}, keeping the previous state`, async () => {
      const good = await registry.commit(alice, { config: firstRegistry });
      await addTeam(input(), deps);
      const before = await readFile(configFile, "utf8");
      await registry.commit(bob, { config: text });
      const error = await failure(syncTeam({ name: "acme", dryRun: false, force: false }, deps));
      expect(error.exitCode).toBe("config");
      expect(error.message).toMatch(message);
      expect(error.hint).toMatch(/last good copy stays in use/);
      expect(await readFile(configFile, "utf8")).toBe(before);
      expect((await readTeam(nodeFileReader, join(home, ".credo"), "acme"))?.lastSync?.commit).toBe(
        good,
      );
    });
  }

  it("refuses a fetch that fails and keeps the last good copy", async () => {
    await registry.commit(alice, { config: firstRegistry });
    await addTeam(input(), deps);
    const before = await readFile(configFile, "utf8");
    await rm(registry.bare, { recursive: true });
    const error = await failure(syncTeam({ name: "acme", dryRun: false, force: false }, deps));
    expect(error.exitCode).toBe("network");
    expect(error.message).toMatch(/Cannot fetch the registry of team acme/);
    expect(await readFile(configFile, "utf8")).toBe(before);
  });

  it("refuses to remove more than half of the team's profiles without --force", async () => {
    await registry.commit(alice, { config: firstRegistry });
    await addTeam(input(), deps);
    const before = await readFile(configFile, "utf8");
    // 4 of the team's 4 profiles (sandbox was the user's) go; one new one comes.
    await registry.commit(bob, { config: role("only", "999999999999") });
    const error = await failure(syncTeam({ name: "acme", dryRun: false, force: false }, deps));
    expect(error.message).toMatch(/would remove 4 of its 4 profiles/);
    expect(await readFile(configFile, "utf8")).toBe(before);
    const forced = await syncTeam({ name: "acme", dryRun: false, force: true }, deps);
    expect(forced.removed).toHaveLength(5);
    expect(forced.added).toEqual(["profile only"]);
  });

  it("does not add a team whose first sync fails", async () => {
    await registry.commit(alice, { config: "[profile x]\naws_secret_access_key = nope\n" });
    const error = await failure(addTeam(input(), deps));
    expect(error.message).toMatch(/aws_secret_access_key/);
    expect(await listTeams(deps)).toEqual([]);
    expect(await readFile(configFile, "utf8")).toBe(userConfig);
  });

  it("lists each team with its commit and warns when it was not synced for a week", async () => {
    const commit = await registry.commit(alice, { config: firstRegistry });
    await addTeam(input(), deps);
    const [fresh] = await listTeams(deps);
    expect(fresh).toMatchObject({ name: "acme", ageDays: 0, stale: false, lastSync: { commit } });
    clock.advance(8 * 24 * 3600 * 1000);
    const [old] = await listTeams(deps);
    expect(old).toMatchObject({ ageDays: 8, stale: true });
  });
});

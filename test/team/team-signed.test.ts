import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CredoError } from "../../src/errors.js";
import { fixedClock } from "../../src/io/clock.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { addTeam } from "../../src/team/manage-teams.js";
import { syncTeam, type TeamDeps } from "../../src/team/sync-team.js";
import { alice, bob, GitRegistry } from "./git-registry.js";

let root: string;
let configFile: string;
let registry: GitRegistry;
let deps: TeamDeps;
let aliceKey: string;
let malloryKey: string;
let allowedSigners: string;

const registryText = (account: string) =>
  `[profile dev]\nrole_arn = arn:aws:iam::${account}:role/DEVELOPER\nsource_profile = acme\n`;

/** An SSH signing key made by ssh-keygen, as a developer makes one for git. */
function sshKey(name: string): string {
  const file = join(root, name);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", file]);
  return file;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "credo-team-signed-"));
  const home = join(root, "home");
  configFile = join(home, ".aws", "config");
  await mkdir(join(home, ".aws"), { recursive: true });
  registry = await GitRegistry.create(root);
  aliceKey = sshKey("alice");
  malloryKey = sshKey("mallory");
  allowedSigners = join(root, "allowed_signers");
  const alicePublic = (await readFile(`${aliceKey}.pub`, "utf8")).trim();
  await writeFile(allowedSigners, `${alice.email} namespaces="git" ${alicePublic}\n`);
  deps = {
    env: { HOME: home, CREDO_HOME: join(home, ".credo"), PATH: process.env.PATH },
    files: nodeFileReader,
    homedir: home,
    platform: "linux",
    clock: fixedClock(Date.UTC(2026, 0, 5)),
  };
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function refused(promise: Promise<unknown>): Promise<CredoError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CredoError);
  return error as CredoError;
}

describe("team registry with --require-signed", () => {
  it("applies a commit signed by an allowed signer and refuses unsigned or unknown signatures", async () => {
    const signed = await registry.commit(
      alice,
      { config: registryText("222222222222") },
      { sign: aliceKey },
    );
    const added = await addTeam(
      {
        name: "acme",
        source: registry.bare,
        requireSigned: true,
        allowedSigners,
        force: false,
        cwd: root,
      },
      deps,
    );
    expect(added.commit).toBe(signed);
    const before = await readFile(configFile, "utf8");
    expect(before).toContain("arn:aws:iam::222222222222:role/DEVELOPER");

    // Bob's commit carries no signature.
    await registry.commit(bob, { config: registryText("333333333333") });
    const unsigned = await refused(syncTeam({ name: "acme", dryRun: false, force: false }, deps));
    expect(unsigned.message).toMatch(
      /has no signature from an allowed signer; nothing was changed/,
    );
    expect(await readFile(configFile, "utf8")).toBe(before);

    // Signed, but by a key the team never allowed.
    await registry.commit(bob, { config: registryText("444444444444") }, { sign: malloryKey });
    await refused(syncTeam({ name: "acme", dryRun: false, force: false }, deps));
    expect(await readFile(configFile, "utf8")).toBe(before);

    // Alice signs the next one: it applies.
    const next = await registry.commit(
      alice,
      { config: registryText("555555555555") },
      { sign: aliceKey },
    );
    const synced = await syncTeam({ name: "acme", dryRun: false, force: false }, deps);
    expect(synced.commit).toBe(next);
    expect(await readFile(configFile, "utf8")).toContain(
      "arn:aws:iam::555555555555:role/DEVELOPER",
    );
  });

  it("does not add a team whose head commit is unsigned", async () => {
    await registry.commit(bob, { config: registryText("222222222222") });
    await refused(
      addTeam(
        {
          name: "acme",
          source: registry.bare,
          requireSigned: true,
          allowedSigners,
          force: false,
          cwd: root,
        },
        deps,
      ),
    );
    expect(await nodeFileReader.readText(configFile)).toBeUndefined();
  });
});

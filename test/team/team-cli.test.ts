import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/all-commands.js";
import { completionTree, allNodes } from "../../src/completion/command-tree.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { homeEnv, runCredo } from "../support/run-credo.js";
import { captureContext } from "../support/test-context.js";
import { alice, bob, GitRegistry } from "./git-registry.js";

let root: string;

const role = (name: string, account: string) =>
  `[profile ${name}]\nrole_arn = arn:aws:iam::${account}:role/DEVELOPER\nsource_profile = acme\nregion = eu-west-1\n\n`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "credo-team-cli-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function freshHome(name: string): Promise<{ home: string; env: Record<string, string> }> {
  const home = join(root, name);
  await mkdir(join(home, ".aws"), { recursive: true });
  return { home, env: homeEnv(home) };
}

describe("credo team on the command line", () => {
  it("is in the completion tree with its subcommands", async () => {
    const program = buildProgram(captureContext(root, {}));
    const paths = allNodes(completionTree(program)).map((node) => node.path);
    expect(paths).toEqual(
      expect.arrayContaining(["team", "team add", "team sync", "team list", "team remove"]),
    );
  });

  it("keeps every edit when syncs run at once", async () => {
    const registry = await GitRegistry.create(await mkdtemp(join(root, "repo-")));
    await registry.commit(alice, {
      config: role("dev", "222222222222") + role("qa", "333333333333"),
    });
    const { home, env } = await freshHome("concurrent");
    for (const team of ["one", "two"]) {
      const prefix = `${team}-`;
      const added = await credoInProcess(["team", "add", team, registry.bare, "--prefix", prefix], {
        env,
      });
      expect(added.code, added.stderr).toBe(0);
    }
    await registry.commit(bob, {
      config:
        role("dev", "222222222222") + role("qa", "333333333333") + role("prod", "444444444444"),
    });
    // Separate processes: the subject is their locking against each other.
    const runs = await Promise.all([
      runCredo(["team", "sync", "one"], { env }),
      runCredo(["team", "sync", "two"], { env }),
      runCredo(["team", "sync", "one"], { env }),
      runCredo(["team", "sync"], { env }),
    ]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const text = await readFile(join(home, ".aws", "config"), "utf8");
    for (const name of ["one-dev", "one-qa", "one-prod", "two-dev", "two-qa", "two-prod"]) {
      expect(text.split(`[profile ${name}]`).length, name).toBe(2);
    }
    const list = await credoInProcess(["team", "list", "--json"], { env });
    const teams = JSON.parse(list.stdout) as { name: string; stale: boolean }[];
    expect(teams.map((t) => [t.name, t.stale])).toEqual([
      ["one", false],
      ["two", false],
    ]);
  });

  it("prints a summary, and refuses a broken registry with the config exit code and the file unchanged", async () => {
    const registry = await GitRegistry.create(await mkdtemp(join(root, "repo-")));
    await registry.commit(alice, { config: role("dev", "222222222222") });
    const { home, env } = await freshHome("summary");
    const added = await credoInProcess(["team", "add", "acme", registry.bare], { env });
    expect(added.stdout).toMatch(
      /^Team acme at [0-9a-f]{12} by Alice Admin <alice@example.com>: 1 added, 0 changed, 0 removed, 0 unchanged\.\n {2}\+ profile dev\n$/,
    );
    const before = await readFile(join(home, ".aws", "config"), "utf8");
    await registry.commit(bob, {
      config: role("dev", "222222222222") + "credential_process = sh -c evil\n",
    });
    const sync = await credoInProcess(["team", "sync", "acme"], { env });
    expect(sync.code).toBe(3);
    expect(sync.stderr).toMatch(/sets credential_process, which a team registry may not set/);
    expect(await readFile(join(home, ".aws", "config"), "utf8")).toBe(before);
    const list = await credoInProcess(["list"], { env });
    expect(list.stdout).toMatch(
      /\nTeam registries:\n {2}acme {2}commit [0-9a-f]{12}, synced today\n$/,
    );
    expect(list.stderr).not.toMatch(/Warning/);

    // A week and a day later, list and doctor warn.
    const record = join(home, ".credo", "teams", "acme", "team.json");
    const saved = JSON.parse(await readFile(record, "utf8")) as { lastSync: { syncedAt: number } };
    saved.lastSync.syncedAt -= 8 * 24 * 3600 * 1000;
    await writeFile(record, JSON.stringify(saved));
    const stale = await credoInProcess(["list"], { env });
    expect(stale.stdout).toMatch(/acme {2}commit [0-9a-f]{12}, synced 8 days ago\n$/);
    expect(stale.stderr).toMatch(/Warning: Team registry acme was last synced 8 days ago/);
    const doctor = await credoInProcess(["doctor", "--json"], { env });
    expect((JSON.parse(doctor.stdout) as { findings: unknown[] }).findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          check: "team-registry",
          severity: "warning",
          fix: "credo team sync acme",
        }),
      ]),
    );

    // A second, healthy team still syncs when every team is synced; the broken one sets the exit code.
    const other = await GitRegistry.create(await mkdtemp(join(root, "repo-")));
    await other.commit(alice, { config: role("tools", "555555555555") });
    expect((await credoInProcess(["team", "add", "tools", other.bare], { env })).code).toBe(0);
    await other.commit(bob, { config: role("tools", "555555555555") + role("ci", "666666666666") });
    const all = await credoInProcess(["team", "sync"], { env });
    expect(all.code).toBe(3);
    expect(all.stderr).toMatch(/Team acme not synced: .*credential_process/);
    expect(all.stdout).toMatch(
      /Team tools at [0-9a-f]{12} by Bob Builder <bob@example.com>: 1 added/,
    );

    const unknown = await credoInProcess(["team", "sync", "nobody"], { env });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/There is no team "nobody"/);
  });
});

describe("a registry file over https", () => {
  let server: Server;
  let url: string;
  let caFile: string;

  beforeAll(async () => {
    // A throwaway CA and a certificate for 127.0.0.1 it signs, made with openssl.
    const dir = await mkdtemp(join(root, "tls-"));
    const run = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    run([
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "1",
      "-subj",
      "/CN=credo test CA",
    ]);
    run([
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "server.key",
      "-out",
      "server.csr",
      "-subj",
      "/CN=127.0.0.1",
    ]);
    await writeFile(join(dir, "ext.cnf"), "subjectAltName = IP:127.0.0.1\n");
    run([
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "server.pem",
      "-days",
      "1",
      "-extfile",
      "ext.cnf",
    ]);
    caFile = join(dir, "ca.pem");
    server = createServer(
      {
        key: await readFile(join(dir, "server.key")),
        cert: await readFile(join(dir, "server.pem")),
      },
      (req, res) => {
        if (req.url === "/acme/aws-config") res.writeHead(200).end(role("dev", "222222222222"));
        else res.writeHead(404).end();
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/acme/aws-config`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("trusts the CA in AWS_CA_BUNDLE, and refuses the download without it", async () => {
    const { home, env } = await freshHome("https");
    const untrusted = await credoInProcess(["team", "add", "web", url], { env });
    expect(untrusted.code).toBe(6);
    expect(untrusted.stderr).toMatch(/Cannot download the registry/);
    expect(await readFile(join(home, ".aws", "config"), "utf8").catch(() => "")).toBe("");

    const trusted = await credoInProcess(["team", "add", "web", url], {
      env: { ...env, AWS_CA_BUNDLE: caFile },
    });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(trusted.stdout).toMatch(/^Team web at sha256:[0-9a-f]{5}: 1 added/);
    expect(await readFile(join(home, ".aws", "config"), "utf8")).toContain(
      "[profile dev]\nrole_arn = arn:aws:iam::222222222222:role/DEVELOPER\n",
    );
  });
});

import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, expect, it } from "vitest";
import { registerSso } from "../../src/cli/sso.js";
import type { AppContext } from "../../src/context.js";
import type { Emulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { systemClock } from "../../src/io/clock.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import { bufferStreams } from "../../src/io/streams.js";
import { pythonJsonDumps } from "../../src/io/python-json.js";
import { formatCacheTime, tokenCachePath } from "../../src/sso/token-cache.js";

let emulator: Emulator;
let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "credo-sso-cli-"));
  emulator = await startEmulator();
  await mkdir(join(home, ".aws"), { recursive: true });
  await writeFile(
    join(home, ".aws", "config"),
    `[sso-session corp]\nsso_start_url = ${emulator.sso.startUrl}\nsso_region = eu-west-1\n`,
  );
});
afterEach(async () => {
  await emulator.stop();
  await rm(home, { recursive: true, force: true });
});

async function run(args: string[]) {
  const io = bufferStreams();
  const ctx: AppContext = {
    env: { HOME: home, AWS_ENDPOINT_URL: emulator.url },
    clock: systemClock,
    files: nodeFileReader,
    io,
    logger: silentLogger,
    openPrompter: () => undefined,
    homedir: home,
    platform: "linux",
    cwd: home,
    argv: args,
  };
  const program = new Command("credo").exitOverride().configureOutput({
    writeOut: (t) => io.out.write(t),
    writeErr: (t) => io.err.write(t),
  });
  registerSso(program, ctx);
  await program.parseAsync(args, { from: "user" });
  return io;
}

it("sso logout ends the portal session and removes the token file, saying so", async () => {
  const path = tokenCachePath(home, { sessionName: "corp", startUrl: emulator.sso.startUrl });
  await mkdir(join(home, ".aws", "sso", "cache"), { recursive: true });
  await writeFile(
    path,
    pythonJsonDumps({
      startUrl: emulator.sso.startUrl,
      region: "eu-west-1",
      accessToken: emulator.sso.issueAccessToken(Date.now()),
      expiresAt: formatCacheTime(Date.now() + 3_600_000),
    }),
  );
  const io = await run(["sso", "logout"]);
  expect(existsSync(path)).toBe(false);
  expect(emulator.calls("sso:Logout")).toBe(1);
  expect(io.stderr()).toBe(`Logged out of corp: removed ${path}.\n`);
  // Nothing left to remove the second time.
  expect((await run(["sso", "logout"])).stderr()).toBe(
    "Not logged in to corp: nothing to remove.\n",
  );
});

it("each sso subcommand's help has a description and an example", async () => {
  for (const sub of ["login", "logout", "sync"]) {
    const io = bufferStreams();
    const program = new Command("credo")
      .exitOverride()
      .configureOutput({ writeOut: (t) => io.out.write(t) });
    registerSso(program, { io } as unknown as AppContext);
    await program.parseAsync(["sso", sub, "--help"], { from: "user" }).catch(() => undefined);
    expect(io.stdout()).toContain(`Examples:\n  credo sso ${sub}`);
  }
});

import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode } from "../errors.js";
import { exitCodeAction } from "./command-action.js";

export interface DemoOptions {
  keep?: boolean;
}

export function registerDemo(program: Command, ctx: AppContext): void {
  program
    .command("demo")
    .summary("run the hub-and-spoke story end to end against a local AWS emulator")
    .description(
      "In a temporary home, against the embedded AWS emulator: add a hub with a virtual MFA device, add\n" +
        "dev and prod roles, authenticate with one MFA code, call STS through the AWS SDK and through\n" +
        "credential_process, sign in to the (emulated) console, unauth, log in to IAM Identity Center and\n" +
        "sync a profile per account and role, and check that no secret is anywhere in plain text. Touches nothing outside the temporary home; needs no AWS account.",
    )
    .option("--keep", "keep the temporary home afterwards, to look around")
    .addHelpText("after", "\nExamples:\n  credo demo\n  npm run demo\n  credo demo --keep")
    .action(exitCodeAction((options: DemoOptions) => runDemo(options, ctx)));
}

/** Runs the end-to-end story against the embedded emulator. */
export async function runDemo(options: DemoOptions, ctx: AppContext): Promise<number> {
  const [
    { mkdtemp, rm },
    { tmpdir },
    { join, resolve },
    { fileURLToPath },
    { startEmulator },
    { runDemo: runDemoStory },
    { programRunner },
    { randomBytes },
  ] = await Promise.all([
    import("node:fs/promises"),
    import("node:os"),
    import("node:path"),
    import("node:url"),
    import("../emulator/index.js"),
    import("../demo/run-demo.js"),
    import("../demo/run-program.js"),
    import("node:crypto"),
  ]);
  const home = await mkdtemp(join(tmpdir(), "credo-demo-"));
  const emulator = await startEmulator();
  // dist/cli/demo.js and src/cli/demo.ts both sit two levels below the package root.
  const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
  const env = {
    PATH: ctx.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    CREDO_HOME: join(home, ".credo"),
    AWS_ENDPOINT_URL: emulator.url,
    CREDO_SIGNIN_URL: `${emulator.url}/federation`,
    AWS_REGION: "eu-west-1",
  };
  // Unattended, so credo gets the vault passphrase from its environment instead of a hidden prompt.
  const passphrase = randomBytes(18).toString("base64url");
  try {
    await runDemoStory({
      home,
      emulator,
      clock: ctx.clock,
      say: (line) => ctx.io.out.write(`${line}\n`),
      run: programRunner({
        nodePath: process.execPath,
        credoBin: join(root, "bin/credo.js"),
        cwd: root,
        env,
        passphrase,
      }),
    });
  } finally {
    await emulator.stop();
    if (options.keep) ctx.io.err.write(`The demo's home is kept at ${home}\n`);
    else await rm(home, { recursive: true, force: true });
  }
  return ExitCode.ok;
}

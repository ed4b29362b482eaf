import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import type { Terminal } from "../config-menu/terminal.js";
import { openTerminal } from "../config-menu/terminal.js";
import { homeEnv, makeTempHome, runCredo } from "../support/run-credo.js";
import {
  chromiumPath,
  forgetWindow,
  haveChromium,
  inSignInWindow,
  signInAtProvider,
} from "./saml-browser-harness.js";

const account = "444444444444";
const developer = `arn:aws:iam::${account}:role/Developer`;
const readOnly = `arn:aws:iam::${account}:role/ReadOnly`;
const timeout = 300_000;

describe.skipIf(!haveChromium)("a SAML profile without a role, on a terminal", () => {
  let emu: Emulator;
  let home: string;
  let cleanup: () => Promise<void>;
  let terminal: Terminal;
  let scratch: string;

  beforeAll(async () => {
    emu = await startEmulator();
    const providerArn = await emu.saml.registerProvider(account, "ExampleIdP");
    for (const arn of [developer, readOnly])
      emu.createRole({ arn, trustPrincipals: [providerArn] });
    emu.saml.setRoles([
      { roleArn: developer, providerArn },
      { roleArn: readOnly, providerArn },
    ]);
    ({ home, cleanup } = await makeTempHome());
    terminal = openTerminal();
    scratch = await mkdtemp(join(tmpdir(), "credo-saml-terminal-"));
  }, 60_000);

  afterAll(async () => {
    await terminal?.close();
    await emu?.stop();
    await cleanup?.();
    await rm(scratch, { recursive: true, force: true });
  });

  it(
    "asks which granted role to assume, and the session is that role's",
    async () => {
      const env = homeEnv(home, {
        AWS_ENDPOINT_URL: emu.url,
        CREDO_BROWSER: chromiumPath,
        CREDO_SAML_WINDOW: "headless-devtools",
      }) as Record<string, string>;
      const add = await runCredo(["saml", "add", "corp", "--url", emu.saml.appUrl], { env });
      expect(add.code, add.stderr).toBe(0);
      await forgetWindow(join(home, ".credo"), "corp");
      const codeFile = join(scratch, "process.code");
      const stdoutFile = join(scratch, "process.out");
      terminal.start("picker", ["process", "corp"], env, codeFile, stdoutFile);
      await inSignInWindow(join(home, ".credo"), "corp", emu, (page) =>
        signInAtProvider(page, emu),
      );
      // The sign-in takes a browser start or two on a busy machine; then the picker.
      for (
        let attempt = 0;
        attempt < 1200 && !terminal.screen("picker").includes("Role for corp:");
        attempt += 1
      )
        await new Promise((resolve) => setTimeout(resolve, 100));
      await terminal.waitForScreen("picker", readOnly);
      terminal.keys("picker", "Down");
      terminal.keys("picker", "Enter");
      expect(await terminal.waitForExit(codeFile)).toBe(0);
      const credentials = JSON.parse(await readFile(stdoutFile, "utf8")) as { AccountId: string };
      expect(credentials.AccountId).toBe(account);
      const whoami = await runCredo(["whoami", "corp", "--json"], { env });
      expect(whoami.code, whoami.stderr).toBe(0);
      expect(whoami.stdout).toContain(
        `arn:aws:sts::${account}:assumed-role/ReadOnly/alice@example.com`,
      );
    },
    timeout,
  );
});

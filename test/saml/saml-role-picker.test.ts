import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { main } from "../../src/main.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { homeEnv, makeTempHome } from "../support/run-credo.js";
import { scriptedPrompter } from "../support/scripted-prompter.js";
import { captureContext } from "../support/test-context.js";
import { chromiumPath, haveChromium, providerPosts } from "./saml-browser-harness.js";

const account = "444444444444";
const developer = `arn:aws:iam::${account}:role/Developer`;
const readOnly = `arn:aws:iam::${account}:role/ReadOnly`;

/**
 * Which granted role a SAML profile without one assumes, asked of the person
 * through credo's Prompter (answered here by a script; the terminal's own
 * select is tty-prompt.test.ts's subject). The assertion is the one the
 * emulator's provider posts, as credo's browser would hand it over (the
 * sign-in through Chromium is saml-e2e.test.ts's subject; the browser is
 * found as for a sign-in, and never started).
 */
describe.skipIf(!haveChromium)("a SAML profile without a role, with a person to ask", () => {
  let emu: Emulator;
  let home: string;
  let cleanup: () => Promise<void>;

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
  }, 60_000);

  afterAll(async () => {
    await emu?.stop();
    await cleanup?.();
  });

  it("asks which granted role to assume, and the session is that role's", async () => {
    const env = homeEnv(home, {
      AWS_ENDPOINT_URL: emu.url,
      AWS_EC2_METADATA_DISABLED: "true",
      CREDO_BROWSER: chromiumPath,
    });
    const add = await credoInProcess(["saml", "add", "corp", "--url", emu.saml.appUrl], { env });
    expect(add.code, add.stderr).toBe(0);
    const prompter = scriptedPrompter([
      { kind: "select", question: "Role for corp:", answer: readOnly },
    ]);
    const ctx = { ...captureContext(home, env, { prompter }), samlBrowser: providerPosts(emu) };
    expect(await main(["process", "corp"], ctx), ctx.stderr()).toBe(0);
    expect(prompter.asked).toEqual([
      {
        kind: "select",
        message: expect.stringContaining("Role for corp:") as string,
        choices: [
          expect.stringContaining(developer) as string,
          expect.stringContaining(readOnly) as string,
        ],
      },
    ]);
    const credentials = JSON.parse(ctx.stdout()) as { AccountId: string };
    expect(credentials.AccountId).toBe(account);
    const whoami = await credoInProcess(["whoami", "corp", "--json"], { env });
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(whoami.stdout).toContain(
      `arn:aws:sts::${account}:assumed-role/ReadOnly/alice@example.com`,
    );
  });
});

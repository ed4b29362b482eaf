import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hubConfig, hubHome } from "../support/hub-home.js";
import type { HubHome } from "../support/hub-home.js";
import { startCredo, type Started } from "../support/start-credo.js";
import { haveVirtualDesktop, startVirtualDesktop } from "../support/virtual-desktop.js";
import type { VirtualDesktop } from "../support/virtual-desktop.js";

/**
 * `credo process` as an IDE or a GUI tool runs it: no controlling terminal
 * (a new session), so the MFA code is asked in a desktop dialog, here zenity
 * on Xvfb, answered by xdotool typing the emulator's TOTP code.
 */

/** The zenity window's name: exactly credo's dialog title. */
const dialogName = "^credo$";

async function cacheEntries(h: HubHome): Promise<string[]> {
  try {
    return (await readdir(join(h.home, ".credo/cache"))).filter((name) => name.endsWith(".json"));
  } catch {
    return [];
  }
}

async function eventually(condition: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const withDesktop = haveVirtualDesktop();

describe.skipIf(!withDesktop)("MFA code in a desktop dialog (zenity on Xvfb)", () => {
  let desktop: VirtualDesktop;
  let h: HubHome;

  beforeAll(async () => {
    desktop = await startVirtualDesktop();
    h = await hubHome({ profiles: "hand-written" });
  }, 60_000);

  afterAll(async () => {
    await h?.cleanup();
    await desktop?.stop();
  });

  /** credo's dialog, or a failure with what credo said if it ended without showing one. */
  const dialogOf = (run: Started) =>
    Promise.race([
      desktop.waitForWindow(dialogName),
      run.done.then((result): never => {
        throw new Error(`credo exited ${result.code} without a dialog: ${result.stderr}`);
      }),
    ]);

  beforeEach(async () => {
    await writeFile(h.configFile, hubConfig(h.demo));
    await rm(join(h.home, ".credo/cache"), { recursive: true, force: true });
    h.emu.resetCalls();
  });

  it("without a terminal, asks in a zenity dialog; the code typed there gets the MFA session", async () => {
    const run = startCredo(["process", "acme"], h.env({ DISPLAY: desktop.display }));
    const window = await dialogOf(run);
    await desktop.type(window, h.mfaCode(), "Return");
    const result = await run.done;
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1 });
    expect(h.emu.calls("sts:GetSessionToken")).toBe(1);
  }, 120_000);

  it("concurrent callers show one dialog and make one GetSessionToken; the others read the cache", async () => {
    const callers = 4;
    const runs = Array.from({ length: callers }, () =>
      startCredo(["--debug", "process", "dev"], h.env({ DISPLAY: desktop.display })),
    );
    const window = await desktop.waitForWindow(dialogName);
    // Every caller has reached the cache lock: the one holding it shows the dialog, the others wait.
    await eventually(
      () => runs.every((run) => run.stderr().includes("waiting for its lock")),
      "every caller to wait for the cache lock",
    );
    let most = 0;
    const sampling = (async () => {
      for (;;) {
        const count = (await desktop.windows(dialogName)).length;
        most = Math.max(most, count);
        if (count === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await desktop.type(window, h.mfaCode(), "Return");
    const results = await Promise.all(runs.map((run) => run.done));
    await sampling;
    for (const result of results) expect(result.code).toBe(0);
    expect(new Set(results.map((result) => result.stdout)).size).toBe(1);
    expect(most).toBe(1);
    expect(h.emu.calls("sts:GetSessionToken")).toBe(1);
    expect(h.emu.calls("sts:AssumeRole")).toBe(1);
    // Nothing asked again afterwards: the dialog is gone and stays gone.
    expect(await desktop.windows(dialogName)).toEqual([]);
  }, 180_000);

  it("Cancel in the dialog is one clear message, exit code 130, and nothing cached", async () => {
    const run = startCredo(["process", "acme"], h.env({ DISPLAY: desktop.display }));
    const window = await dialogOf(run);
    await desktop.press(window, "Escape");
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("the dialog was cancelled");
    expect(result.stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
    expect(await cacheEntries(h)).toEqual([]);
    expect(h.emu.calls("sts:GetSessionToken")).toBe(0);
  }, 120_000);

  it("a display the dialog cannot open is an error that says so, not a Cancel", async () => {
    const run = startCredo(["process", "acme"], h.env({ DISPLAY: ":65000" }));
    const result = await run.done;
    expect(result.code).toBe(4);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("(zenity) failed with status 1");
    expect(result.stderr).toContain("cannot open display: :65000");
    expect(result.stderr).not.toContain("cancelled");
    expect(h.emu.calls("sts:GetSessionToken")).toBe(0);
  }, 120_000);

  it("a code that is not six digits is refused before any AWS call", async () => {
    const run = startCredo(["process", "acme"], h.env({ DISPLAY: desktop.display }));
    const window = await dialogOf(run);
    await desktop.type(window, "12ab", "Return");
    const result = await run.done;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("The MFA code from the zenity dialog is not six digits.");
    expect(result.stderr).not.toContain("12ab");
    expect(h.emu.calls("sts:GetSessionToken")).toBe(0);
  }, 120_000);
});

const printTotpAsked = fileURLToPath(new URL("./fixtures/ask-totp.mjs", import.meta.url));

// In-process (hubHome's main()): there is no terminal to ask on, as for a process an IDE starts.
describe("MFA prompt without a dialog program, and credo_mfa_prompt", () => {
  let h: HubHome;
  /** A PATH with nothing on it: no zenity, no kdialog. */
  let emptyPath: string;

  beforeAll(async () => {
    h = await hubHome({ profiles: "hand-written" });
    emptyPath = join(h.home, "empty-bin");
    await mkdir(emptyPath);
  }, 60_000);

  afterAll(async () => {
    await h?.cleanup();
  });

  beforeEach(async () => {
    await rm(join(h.home, ".credo/cache"), { recursive: true, force: true });
    h.emu.resetCalls();
  });

  async function withSetting(line: string | undefined) {
    await writeFile(
      h.configFile,
      hubConfig(h.demo).replace("region = eu-west-1", `region = eu-west-1\n${line ?? ""}`),
    );
  }

  it("credo_mfa_prompt = gui with neither zenity nor kdialog: a configuration error naming them", async () => {
    await withSetting("credo_mfa_prompt = gui");
    const result = await h.main(["process", "acme"], { DISPLAY: ":0", PATH: emptyPath });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("neither zenity nor kdialog is installed");
    expect(result.stderr).toContain("Install zenity");
    expect(h.emu.calls("sts:GetSessionToken")).toBe(0);
  });

  it("unset, with no terminal and no dialog program: the auth error says how to supply the code", async () => {
    await withSetting(undefined);
    const result = await h.main(["process", "acme"], { DISPLAY: ":0", PATH: emptyPath });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("there is no terminal to ask for it");
    expect(result.stderr).toContain("neither zenity nor kdialog is installed");
    expect(result.stderr).toContain("--mfa-code");
  });

  it("credo_mfa_prompt = terminal never opens a dialog, even with a display", async () => {
    await withSetting("credo_mfa_prompt = terminal");
    const result = await h.main(["process", "acme"], { DISPLAY: ":0" });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("credo_mfa_prompt = terminal");
  });

  it("credo_mfa_prompt = <command>: runs it with the question as its last argument and reads the code", async () => {
    const asked = join(h.home, "asked.txt");
    await withSetting(
      `credo_mfa_prompt = ${process.execPath} ${printTotpAsked} ${h.demo.hub.mfaSecret ?? ""} ${asked}`,
    );
    const result = await h.main(["process", "acme"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(h.emu.calls("sts:GetSessionToken")).toBe(1);
    expect(await readFile(asked, "utf8")).toBe(
      `MFA code for ${h.demo.hub.mfaSerial ?? ""} (profile acme):`,
    );
  });

  it("credo_mfa_prompt = <command> that exits 1 counts as cancelled (exit code 130)", async () => {
    await withSetting(`credo_mfa_prompt = ${process.execPath} -e process.exit(1)`);
    const result = await h.main(["process", "acme"]);
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("the dialog was cancelled");
    expect(h.emu.calls("sts:GetSessionToken")).toBe(0);
  });
});

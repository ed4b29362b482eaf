import { execFileSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lacks } from "../support/external-tool.js";

// A real pseudo-terminal: tmux on its own server socket, killed at the end.
const script = fileURLToPath(new URL("./fixtures/tty-prompt-script.ts", import.meta.url));
const socket = `credo-test-${randomUUID().slice(0, 8)}`;
const secret = "c0rrect-h0rse-battery";

let work: string;

function tmux(...args: string[]): string {
  return execFileSync("tmux", ["-L", socket, "-f", "/dev/null", ...args], { encoding: "utf8" });
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/** Starts the script in a new tmux window with stdout and stderr sent to files, as a credential_process caller would. */
function startSession(name: string, mode: string): void {
  const files = (suffix: string) => shellQuote(join(work, `${name}.${suffix}`));
  const command = [
    `cd ${shellQuote(process.cwd())}`,
    `${shellQuote(process.execPath)} --import tsx ${shellQuote(script)} ${mode} ${files("json")} >${files("stdout")} 2>${files("stderr")}`,
    `echo $? >${files("code")}`,
    "sleep 600",
  ].join("; ");
  tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "30", command);
}

function screen(name: string): string {
  return tmux("capture-pane", "-p", "-t", name);
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForScreen(name: string, text: string): Promise<void> {
  await waitFor(`"${text}" on screen`, () => (screen(name).includes(text) ? true : undefined));
}

async function waitForFile(path: string): Promise<string> {
  return waitFor(path, async () => {
    const content = await readFile(path, "utf8").catch(() => "");
    return content.endsWith("\n") || content.endsWith("}") ? content : undefined;
  });
}

function keys(name: string, ...tmuxKeys: string[]): void {
  tmux("send-keys", "-t", name, ...tmuxKeys);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "credo-tty-"));
});

afterAll(async () => {
  let socketPath: string | undefined;
  try {
    socketPath = tmux("display-message", "-p", "#{socket_path}").trim();
    tmux("kill-server");
  } catch {
    // No server was started (every test failed before starting one).
  }
  // tmux leaves its socket file behind after kill-server.
  if (socketPath) await rm(socketPath, { force: true });
  await rm(work, { recursive: true, force: true });
});

describe.skipIf(lacks("tmux"))("openTtyPrompter in a real terminal", () => {
  it("asks on /dev/tty, hides the secret, and returns every answer while stdout and stderr stay clean", async () => {
    startSession("answers", "all");
    await waitForScreen("answers", "Vault passphrase:");
    keys("answers", "-l", secret);
    keys("answers", "Enter");
    await waitForScreen("answers", "Region:");
    keys("answers", "Down");
    keys("answers", "Enter");
    await waitForScreen("answers", "Write ~/.aws/config?");
    keys("answers", "y");
    keys("answers", "Enter");
    await waitForScreen("answers", "Hub name:");
    keys("answers", "-l", "Bad1");
    keys("answers", "Enter");
    await waitForScreen("answers", "lower-case letters only");
    keys("answers", "BSpace", "BSpace", "BSpace", "BSpace");
    keys("answers", "-l", "acme");
    keys("answers", "Enter");

    expect((await waitForFile(join(work, "answers.code"))).trim()).toBe("0");
    expect(JSON.parse(await readFile(join(work, "answers.json"), "utf8"))).toEqual({
      secretSha256: createHash("sha256").update(secret).digest("hex"),
      secretLength: secret.length,
      region: "eu-central-1",
      confirmed: true,
      hub: "acme",
    });
    const shown = screen("answers");
    expect(shown).toContain("Vault passphrase:");
    expect(shown).not.toContain(secret);
    expect(shown).not.toContain(secret.slice(0, 6));
    expect(await readFile(join(work, "answers.stdout"), "utf8")).toBe("");
    expect(await readFile(join(work, "answers.stderr"), "utf8")).toBe("");
  });

  it("turns Ctrl-C at a prompt into CancelledError (exit code 130)", async () => {
    startSession("cancel", "secret-only");
    await waitForScreen("cancel", "Vault passphrase:");
    keys("cancel", "-l", "half");
    keys("cancel", "C-c");
    expect((await waitForFile(join(work, "cancel.code"))).trim()).toBe("130");
    expect(JSON.parse(await readFile(join(work, "cancel.json"), "utf8"))).toEqual({
      error: "CancelledError",
    });
  });
});

describe("openTtyPrompter without a controlling terminal", () => {
  it("returns undefined", async () => {
    const result = join(work, "none.json");
    // setsid starts the script in a new session, which has no controlling terminal.
    execFileSync("setsid", ["-w", process.execPath, "--import", "tsx", script, "probe", result], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(JSON.parse(await readFile(result, "utf8"))).toEqual({ prompter: "none" });
  });
});

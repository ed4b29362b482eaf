import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CredoError } from "../../src/errors.js";
import type { Logger } from "../../src/io/logger.js";
import type { MfaRequest } from "../../src/providers/mfa.js";
import { mfaCodeSource } from "../../src/providers/mfa-code.js";
import type { ProcessRunner } from "../../src/io/run-process.js";

const serial = "arn:aws:iam::111111111111:mfa/alice";
const request: MfaRequest = { serial, profile: "acme" };

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), "credo-mfa-"));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { enabled: true, lines, debug: (message) => void lines.push(message) };
}

/** A shlex-quoted word (single quotes; a quote inside becomes '\''), for building command lines. */
function quote(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/** A credo_mfa_process line running node with a script, then the given extra words. */
function nodeCommand(script: string, ...words: string[]): string {
  return [process.execPath, "-e", script, ...words].map(quote).join(" ");
}

async function failure(promise: Promise<unknown>): Promise<CredoError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CredoError);
  return error as CredoError;
}

const neverRun: ProcessRunner = async () => {
  throw new Error("no process should run");
};
const neverPrompt = async (): Promise<string> => {
  throw new Error("no prompt should be shown");
};

describe("mfaCodeSource", () => {
  it("takes --mfa-code over credo_mfa_process and the prompt", async () => {
    const source = mfaCodeSource({
      mfaCodeOption: "123456",
      env: {},
      runProcess: neverRun,
      prompt: neverPrompt,
      canPrompt: true,
      logger: recordingLogger(),
    });
    expect(await source({ ...request, mfaProcess: "ykman oath accounts code -s x" })).toBe(
      "123456",
    );
  });

  it("runs credo_mfa_process without a shell and takes its trimmed stdout over the prompt", async () => {
    const argsFile = join(work, "args.json");
    const marker = join(work, "marker");
    const script =
      "require('fs').writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)));" +
      "process.stdout.write('  654321\\n')";
    const hostile = ["a;b", `$(touch ${marker})`, `\`touch ${marker}\``, "|", "&&", "*"];
    const logger = recordingLogger();
    const source = mfaCodeSource({
      env: { PATH: process.env["PATH"] },
      prompt: neverPrompt,
      canPrompt: true,
      logger,
    });

    const code = await source({
      ...request,
      mfaProcess: nodeCommand(script, argsFile, ...hostile),
    });

    expect(code).toBe("654321");
    expect(JSON.parse(await readFile(argsFile, "utf8"))).toEqual(hostile);
    await expect(stat(marker)).rejects.toMatchObject({ code: "ENOENT" });
    expect(logger.lines.join("\n")).not.toContain("654321");
  });

  it("passes the injected environment to credo_mfa_process", async () => {
    const source = mfaCodeSource({
      env: { MFA_TEST_CODE: "112233" },
      canPrompt: false,
      logger: recordingLogger(),
    });
    const code = await source({
      ...request,
      mfaProcess: nodeCommand("console.log(process.env.MFA_TEST_CODE)"),
    });
    expect(code).toBe("112233");
  });

  it("fails clearly when credo_mfa_process exits non-zero, prints nothing, or cannot start", async () => {
    const source = mfaCodeSource({ env: {}, canPrompt: false, logger: recordingLogger() });

    const exited = await failure(
      source({ ...request, mfaProcess: nodeCommand("process.exit(3)") }),
    );
    expect(exited.exitCode).toBe("auth");
    expect(exited.message).toContain("credo_mfa_process of profile acme");
    expect(exited.message).toContain("status 3");

    const hung = mfaCodeSource({
      env: {},
      runProcess: async () => ({
        exitCode: null,
        signal: "SIGKILL",
        stdout: "",
        stderr: "",
        timedOut: true,
      }),
      canPrompt: false,
      logger: recordingLogger(),
    });
    const timedOut = await failure(
      hung({ ...request, mfaProcess: "ykman oath accounts code -s aws" }),
    );
    expect(timedOut.exitCode).toBe("auth");
    expect(timedOut.message).toContain("no answer within 120 s");

    const silent = await failure(source({ ...request, mfaProcess: nodeCommand("") }));
    expect(silent.exitCode).toBe("auth");
    expect(silent.message).toContain("printed no MFA code");

    const missing = await failure(
      source({ ...request, mfaProcess: join(work, "no-such-command") }),
    );
    expect(missing.exitCode).toBe("config");
    expect(missing.hint).toContain("installed");

    const unbalanced = await failure(source({ ...request, mfaProcess: "ykman 'oath" }));
    expect(unbalanced.exitCode).toBe("config");
    expect(unbalanced.message).toContain("credo_mfa_process of profile acme");
  });

  it("prompts when nothing else supplies the code, naming the device and profile", async () => {
    const questions: string[] = [];
    const source = mfaCodeSource({
      env: {},
      runProcess: neverRun,
      prompt: async (question) => {
        questions.push(question);
        return " 246810 ";
      },
      canPrompt: true,
      logger: recordingLogger(),
    });
    expect(await source(request)).toBe("246810");
    expect(questions).toHaveLength(1);
    expect(questions[0]).toContain(serial);
    expect(questions[0]).toContain("acme");
  });

  it("without a terminal fails with an auth error that says how to supply the code", async () => {
    const source = mfaCodeSource({
      env: {},
      prompt: neverPrompt,
      canPrompt: false,
      logger: recordingLogger(),
    });
    const error = await failure(source(request));
    expect(error.exitCode).toBe("auth");
    expect(error.message).toContain(serial);
    expect(error.hint).toContain("--mfa-code");
    expect(error.hint).toContain("credo_mfa_process");
  });

  it.each(["12345", "1234567", "abcdef", "12 456", "１２３４５６"])(
    "rejects %j as a usage error before anything else runs, from every origin",
    async (bad) => {
      const fromOption = mfaCodeSource({
        mfaCodeOption: bad,
        env: {},
        canPrompt: false,
        logger: recordingLogger(),
      });
      const fromPrompt = mfaCodeSource({
        env: {},
        prompt: async () => bad,
        canPrompt: true,
        logger: recordingLogger(),
      });
      const fromProcess = mfaCodeSource({
        env: {},
        runProcess: async () => ({
          exitCode: 0,
          signal: null,
          stdout: `${bad}\n`,
          stderr: "",
          timedOut: false,
        }),
        canPrompt: false,
        logger: recordingLogger(),
      });
      for (const attempt of [
        fromOption(request),
        fromPrompt(request),
        fromProcess({ ...request, mfaProcess: "get-code" }),
      ]) {
        const error = await attempt.then(
          () => undefined,
          (caught: unknown) => caught as CredoError,
        );
        expect(error).toBeInstanceOf(CredoError);
        expect(error?.exitCode).toBe("usage");
        expect(error?.message).not.toContain(bad);
      }
    },
  );

  it("rejects an empty --mfa-code as a usage error rather than falling through to the prompt", async () => {
    const source = mfaCodeSource({
      mfaCodeOption: "",
      env: {},
      prompt: neverPrompt,
      canPrompt: true,
      logger: recordingLogger(),
    });
    expect((await failure(source(request))).exitCode).toBe("usage");
  });
});

describe("mfaCodeSource: credo_mfa_prompt and the desktop dialog", () => {
  /** A process runner that records argv and answers like a dialog program would. */
  function dialogRunner(answer: { exitCode: number; stdout?: string; stderr?: string }) {
    const calls: (readonly string[])[] = [];
    const run: ProcessRunner = async (argv) => {
      calls.push(argv);
      return {
        exitCode: answer.exitCode,
        signal: null,
        stdout: answer.stdout ?? "",
        stderr: answer.stderr ?? "",
        timedOut: false,
      };
    };
    return { run, calls };
  }
  const zenityOnly = (name: string) => (name === "zenity" ? "/usr/bin/zenity" : undefined);

  it("gui asks in the dialog even when a terminal could answer", async () => {
    const { run, calls } = dialogRunner({ exitCode: 0, stdout: "246810\n" });
    const source = mfaCodeSource({
      env: { DISPLAY: ":0" },
      runProcess: run,
      findExecutable: zenityOnly,
      prompt: neverPrompt,
      canPrompt: true,
      logger: recordingLogger(),
    });
    expect(await source({ ...request, mfaPrompt: "GUI" })).toBe("246810");
    expect(calls[0]?.slice(0, 3)).toEqual(["zenity", "--entry", "--title=credo"]);
    expect(calls[0]?.[3]).toBe(`--text=MFA code for ${serial} (profile acme):`);
  });

  it("unset: the terminal when there is one, the dialog only without it", async () => {
    const { run, calls } = dialogRunner({ exitCode: 0, stdout: "246810" });
    const options = {
      env: { DISPLAY: ":0" },
      runProcess: run,
      findExecutable: zenityOnly,
      logger: recordingLogger(),
    };
    const withTerminal = mfaCodeSource({
      ...options,
      prompt: async () => "135790",
      canPrompt: true,
    });
    expect(await withTerminal(request)).toBe("135790");
    expect(calls).toHaveLength(0);
    const withoutTerminal = mfaCodeSource({ ...options, prompt: neverPrompt, canPrompt: false });
    expect(await withoutTerminal(request)).toBe("246810");
    expect(calls).toHaveLength(1);
  });

  it("status 1 (Cancel) is a CancelledError; another status is an auth error quoting stderr", async () => {
    const cancelled = mfaCodeSource({
      env: { DISPLAY: ":0" },
      runProcess: dialogRunner({ exitCode: 1 }).run,
      findExecutable: zenityOnly,
      canPrompt: false,
      logger: recordingLogger(),
    });
    const error = await failure(cancelled(request));
    expect(error.exitCode).toBe("cancelled");
    expect(error.message).toContain("the dialog was cancelled");
    const broken = mfaCodeSource({
      env: { DISPLAY: ":0" },
      runProcess: dialogRunner({ exitCode: 255, stderr: "cannot open display\nmore" }).run,
      findExecutable: zenityOnly,
      canPrompt: false,
      logger: recordingLogger(),
    });
    const failed = await failure(broken(request));
    expect(failed.exitCode).toBe("auth");
    expect(failed.message).toBe(
      "The MFA dialog (zenity) failed with status 255: cannot open display.",
    );
  });

  it("Windows: an empty InputBox answer is Cancel", async () => {
    const { run, calls } = dialogRunner({ exitCode: 0, stdout: "\r\n" });
    const source = mfaCodeSource({
      env: {},
      platform: "windows",
      runProcess: run,
      canPrompt: false,
      logger: recordingLogger(),
    });
    expect((await failure(source(request))).exitCode).toBe("cancelled");
    expect(calls[0]?.[0]).toBe("powershell.exe");
  });

  it("a command gets the question as its last argument; its code is validated like any other", async () => {
    const { run, calls } = dialogRunner({ exitCode: 0, stdout: "12345\n" });
    const source = mfaCodeSource({
      env: {},
      runProcess: run,
      canPrompt: true,
      prompt: neverPrompt,
      logger: recordingLogger(),
    });
    const error = await failure(source({ ...request, mfaPrompt: "rofi -dmenu -p" }));
    expect(error.exitCode).toBe("usage");
    expect(error.message).toBe(
      "The MFA code from credo_mfa_prompt of profile acme is not six digits.",
    );
    expect(calls[0]).toEqual(["rofi", "-dmenu", "-p", `MFA code for ${serial} (profile acme):`]);
  });

  it("credo_mfa_process still wins over credo_mfa_prompt", async () => {
    const { run, calls } = dialogRunner({ exitCode: 0, stdout: "112233" });
    const source = mfaCodeSource({
      env: {},
      runProcess: run,
      canPrompt: false,
      logger: recordingLogger(),
    });
    expect(await source({ ...request, mfaProcess: "get-code", mfaPrompt: "gui" })).toBe("112233");
    expect(calls).toEqual([["get-code"]]);
  });
});

import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { splitCommandLineOn } from "../../../src/io/platform/command-line.js";
import { osPlatformOf } from "../../../src/io/platform/os-platform.js";
import { terminalDevice } from "../../../src/io/platform/terminal-device.js";

/** Command lines as users write them on each platform, split by botocore's own compat_shell_split. */
const commandLines = [
  String.raw`C:\Program Files\credo\credo.exe process acme`,
  String.raw`"C:\Program Files\credo\credo.exe" process acme`,
  String.raw`credo process "my profile"`,
  String.raw`helper.exe --arg "a \"quoted\" word" last`,
  String.raw`helper.exe \\server\share\x "trailing\\" plain\ end`,
  String.raw`helper.exe "" empty`,
  "helper.exe\targ\t\t  spaced  ",
  String.raw`a\\\"b c\\\\"d e"`,
  "/usr/local/bin/credo process acme",
  String.raw`credo process 'single quoted' "double"`,
  "",
];

function botocoreSplits(platform: "win32" | "linux"): Array<string[] | string> {
  const script = [
    "import json, sys",
    "from botocore.compat import compat_shell_split",
    "out = []",
    "for line in json.load(sys.stdin):",
    "    try: out.append(compat_shell_split(line, platform=sys.argv[1]))",
    "    except ValueError: out.append('error')",
    "print(json.dumps(out))",
  ].join("\n");
  const output = execFileSync("python3", ["-c", script, platform], {
    input: JSON.stringify(commandLines),
  });
  return JSON.parse(output.toString()) as Array<string[] | string>;
}

function credoSplits(platform: "windows" | "linux"): Array<string[] | string> {
  return commandLines.map((line) => {
    try {
      return splitCommandLineOn(platform, line);
    } catch {
      return "error";
    }
  });
}

describe("command lines (credential_process, credo_mfa_process)", () => {
  it("split on Windows exactly as botocore does there (backslashes kept, double quotes only)", () => {
    expect(credoSplits("windows")).toEqual(botocoreSplits("win32"));
  });

  it("split on Linux and macOS exactly as botocore does there (shlex)", () => {
    expect(credoSplits("linux")).toEqual(botocoreSplits("linux"));
  });

  it("an unclosed quote on Windows is a configuration error that does not echo the line", () => {
    expect(() => splitCommandLineOn("windows", 'x.exe "secret')).toThrow(/no closing quotation/);
    expect(() => splitCommandLineOn("windows", 'x.exe "secret')).not.toThrow(/secret/);
  });
});

describe("terminal device for prompts", () => {
  it("is /dev/tty on Linux and macOS, the console buffers on Windows", () => {
    expect(terminalDevice("linux")).toEqual({ input: "/dev/tty", output: "/dev/tty" });
    expect(terminalDevice("macos")).toEqual({ input: "/dev/tty", output: "/dev/tty" });
    expect(terminalDevice("windows")).toEqual({
      input: "\\\\.\\CONIN$",
      output: "\\\\.\\CONOUT$",
    });
  });
});

describe("osPlatformOf", () => {
  it("names Node's platforms", () => {
    expect(["win32", "darwin", "linux", "freebsd"].map(osPlatformOf)).toEqual([
      "windows",
      "macos",
      "linux",
      "linux",
    ]);
  });
});

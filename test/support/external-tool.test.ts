import { describe, expect, it } from "vitest";
import { probeTool, skipOrFail, underCi } from "./external-tool.js";

describe("the rule for missing external tools", () => {
  it("runs the tests when nothing is missing, whatever CI says", () => {
    const notices: string[] = [];
    expect(skipOrFail([undefined], { CI: "true" }, (line) => notices.push(line))).toBe(false);
    expect(notices).toEqual([]);
  });

  it("skips with the reason on a developer's machine", () => {
    const notices: string[] = [];
    const reasons = ["tmux is not on PATH", undefined, "python3 cannot import boto3"];
    expect(skipOrFail(reasons, {}, (line) => notices.push(line))).toBe(true);
    expect(notices).toEqual(["NOTICE: skipped, tmux is not on PATH; python3 cannot import boto3"]);
  });

  it("fails under CI, naming what is missing", () => {
    expect(() => skipOrFail(["tmux is not on PATH"], { CI: "true" }, () => undefined)).toThrow(
      "tmux is not on PATH: required under CI (CI=true)",
    );
  });

  it("reads CI as CI services set it; false, 0 or empty mean a local run", () => {
    expect([{ CI: "true" }, { CI: "1" }, { CI: "woodpecker" }].map(underCi)).toEqual([
      true,
      true,
      true,
    ]);
    expect([{}, { CI: "" }, { CI: "false" }, { CI: "0" }].map(underCi)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it("looks for a program on PATH and says so when it is not there", () => {
    const path = process.env["PATH"];
    process.env["PATH"] = "/nonexistent";
    try {
      expect(probeTool("zsh")).toBe("zsh is not on PATH");
    } finally {
      process.env["PATH"] = path;
    }
  });
});

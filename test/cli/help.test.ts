import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot, runCredo } from "../support/run-credo.js";

const packageVersion = (
  JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { version: string }
).version;

describe("credo --help and --version", () => {
  it("prints the version from package.json", async () => {
    const run = await runCredo(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(packageVersion);
  });

  it("lists every command with a one-line description and the exit codes", async () => {
    const run = await runCredo(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: credo");
    expect(run.stdout).toContain("Exit codes:");
    const lines = run.stdout.split("\n");
    const start = lines.indexOf("Commands:");
    expect(start).toBeGreaterThan(0);
    const end = lines.findIndex((l, i) => i > start && l.trim() === "");
    const commandLines = lines.slice(start + 1, end).filter((l) => /^ {2}\S/.test(l));
    expect(commandLines.length).toBeGreaterThan(0);
    for (const line of commandLines) {
      const [usage, description] = line.trim().split(/\s{2,}/);
      expect(usage, line).toMatch(/^[a-z]/);
      expect(description, line).toMatch(/\S/);
    }
  });

  it("rejects an unknown command with the usage exit code and one clear message", async () => {
    const run = await runCredo(["no-such-command"]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n").filter(Boolean).length).toBeLessThanOrEqual(2);
    expect(run.stdout).toBe("");
  });
});

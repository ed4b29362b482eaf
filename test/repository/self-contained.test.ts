import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * A folder beside the checkout (or the machine's own copy of it) is not there
 * in a fresh clone, so no code, test or script may read one. Written as
 * patterns so that this file does not match itself.
 */
const outsidePaths = [
  /\.\.[/\\]+shared\b/,
  /\/work\/shared\b/,
  /["']\.\.["']\s*,\s*["']shared["']/,
];

/** Documentation may say where things came from; it is never run. */
const isDocumentation = (file: string) => file.endsWith(".md");

function trackedFiles(): string[] {
  const listing = execFileSync("git", ["ls-files", "-z"], { cwd: projectRoot, encoding: "utf8" });
  return listing.split("\0").filter((file) => file !== "");
}

describe("the repository is self-contained", () => {
  const files = trackedFiles().filter(
    (file) => !isDocumentation(file) && existsSync(join(projectRoot, file)),
  );

  it("scans the tracked files: code, tests, scripts, CI and the vendored vectors", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "package.json",
        ".ci/run",
        "src/main.ts",
        "test/repository/self-contained.test.ts",
        "test/conformance/vectors-root.ts",
        "test/conformance/vectors/ecs-credentials-config/ecs-tests.json",
      ]),
    );
    expect(files.length).toBeGreaterThan(300);
  });

  it("refers to no folder outside the checkout", () => {
    const references = files.flatMap((file) =>
      readFileSync(join(projectRoot, file), "utf8")
        .split("\n")
        .flatMap((line, index) =>
          outsidePaths.some((pattern) => pattern.test(line))
            ? [`${file}:${index + 1}: ${line.trim()}`]
            : [],
        ),
    );
    expect(references).toEqual([]);
  });
});

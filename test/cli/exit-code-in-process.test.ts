import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/main.js";
import { makeTempHome } from "../support/run-credo.js";
import { captureContext } from "../support/test-context.js";

/**
 * main() is called more than once in one process (tests, an embedding tool):
 * each call's exit code is its own, never one left behind by the call before.
 */
let home: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ home, cleanup } = await makeTempHome());
  await mkdir(join(home, ".aws"));
  // `broken` names a source profile that does not exist: explain reports a problem (exit 3).
  await writeFile(
    join(home, ".aws/config"),
    "[profile broken]\nrole_arn = arn:aws:iam::222222222222:role/Dev\nsource_profile = missing\n\n[profile fine]\nregion = eu-west-1\n",
  );
});

afterAll(async () => {
  process.exitCode = undefined;
  await cleanup();
});

describe("exit codes of in-process calls", () => {
  it("a clean run after `explain` with a problem exits 0, not the explain's 3", async () => {
    const first = captureContext(home, { AWS_CONFIG_FILE: join(home, ".aws/config") });
    expect(await main(["explain", "broken"], first)).toBe(3);
    const second = captureContext(home, { AWS_CONFIG_FILE: join(home, ".aws/config") });
    expect(await main(["list", "--names"], second)).toBe(0);
    expect(second.stdout()).toBe("broken\nfine\n");
  });

  it("each of doctor, explain and list exits with its own code, one after the other", async () => {
    const first = captureContext(home, { AWS_CONFIG_FILE: join(home, ".aws/config") });
    const doctorCode = await main(["doctor", "--json"], first);
    expect(doctorCode).toBe(2);
    const second = captureContext(home, { AWS_CONFIG_FILE: join(home, ".aws/config") });
    expect(await main(["explain", "broken", "--json"], second)).toBe(3);
    const third = captureContext(home, { AWS_CONFIG_FILE: join(home, ".aws/config") });
    expect(await main(["list", "--names"], third)).toBe(0);
  });

  it("leaves process.exitCode alone", async () => {
    const before = process.exitCode;
    process.exitCode = undefined;
    try {
      await main(["explain", "broken"], captureContext(home, {}));
      expect(process.exitCode).toBeUndefined();
    } finally {
      // The test runner's own exit status must not inherit a command's code.
      process.exitCode = before;
    }
  });
});

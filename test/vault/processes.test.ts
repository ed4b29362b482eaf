import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { runFixture } from "./child-process.js";
import { openTestVault, tempHome, vaultBytes, vaultPath } from "./vault-fixture.js";

describe("the vault across processes", () => {
  it("10 processes setting a distinct key at once through the lock all land, starting from no vault", async () => {
    const home = await tempHome();
    const keys = Array.from({ length: 10 }, (_, index) => `hub:h${index}`);
    const results = await Promise.all(
      keys.map((key) =>
        runFixture("set-key.ts", [home, key, `value of ${key}`], {
          CREDO_PASSPHRASE: "shared passphrase",
        }),
      ),
    );
    expect(results.map((result) => [result.code, result.stderr])).toEqual(keys.map(() => [0, ""]));

    const { vault } = await openTestVault(home, "shared passphrase");
    expect(await vault.keys()).toEqual([...keys].sort());
    for (const key of keys) expect(await vault.get(key)).toBe(`value of ${key}`);
    // Only the vault is left: no temp file, and the lock was released.
    expect((await readdir(home)).sort()).toEqual(["vault.json"]);
  });

  it("a process killed between writing the temp file and the rename loses nothing", async () => {
    const home = await tempHome();
    await (await openTestVault(home, "pw")).vault.set("hub:acme", "old");
    const before = await vaultBytes(home);

    const crash = await runFixture("crash-before-rename.ts", [vaultPath(home), "hub:acme", "new"], {
      CREDO_PASSPHRASE: "pw",
    });
    expect(crash.signal).toBe("SIGKILL");
    // The crash left its temp file (and its lock) behind, proving it died mid-write.
    expect((await readdir(home)).some((name) => name.endsWith(".tmp"))).toBe(true);

    expect(await vaultBytes(home)).toEqual(before);
    const { vault } = await openTestVault(home, "pw");
    expect(await vault.get("hub:acme")).toBe("old");
    expect(await vault.keys()).toEqual(["hub:acme"]);
  });
});

import { describe, expect, it } from "vitest";
import {
  defaultScryptCost,
  deriveVaultKey,
  newScryptParams,
} from "../../src/vault/vault-cipher.js";

describe("scrypt cost", () => {
  // A timing report, not an assertion on time: the machine is shared.
  it("derives a 32-byte key at the default cost and reports how long it took", async () => {
    const kdf = newScryptParams();
    expect(kdf).toMatchObject({ name: "scrypt", ...defaultScryptCost });
    const timings: number[] = [];
    let key: Buffer | undefined;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      key = await deriveVaultKey("a passphrase", kdf);
      timings.push(performance.now() - started);
    }
    console.log(
      `scrypt N=${kdf.N} r=${kdf.r} p=${kdf.p}: ${timings.map((ms) => `${ms.toFixed(0)} ms`).join(", ")}`,
    );
    expect(key).toHaveLength(32);
    expect(await deriveVaultKey("a passphrase", kdf)).toEqual(key);
    expect(await deriveVaultKey("another passphrase", kdf)).not.toEqual(key);
  });
});

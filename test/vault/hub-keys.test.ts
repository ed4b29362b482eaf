import { describe, expect, it } from "vitest";
import { getHubKeys, listHubs, removeHubKeys, setHubKeys } from "../../src/vault/hub-keys.js";
import { memoryKeyring } from "../../src/vault/keyring.js";
import { openAtTestCost, tempHome, vaultBytes } from "./vault-fixture.js";

const acme = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

describe("hub keys", () => {
  it("stores, lists and removes hub access keys under hub:<name>, beside other entries", async () => {
    const keyring = memoryKeyring({ "other:thing": "x" });
    expect(await getHubKeys(keyring, "acme")).toBeUndefined();
    await setHubKeys(keyring, "acme", acme);
    await setHubKeys(keyring, "beta", { accessKeyId: "AKIAB", secretAccessKey: "b" });
    expect(await getHubKeys(keyring, "acme")).toEqual(acme);
    expect(await listHubs(keyring)).toEqual(["acme", "beta"]);
    expect(await keyring.keys()).toEqual(["hub:acme", "hub:beta", "other:thing"]);
    expect(await removeHubKeys(keyring, "acme")).toBe(true);
    expect(await removeHubKeys(keyring, "acme")).toBe(false);
    expect(await listHubs(keyring)).toEqual(["beta"]);
  });

  it("a damaged entry is a vault error naming the hub, never echoing the stored value", async () => {
    const keyring = memoryKeyring({
      "hub:acme": '{"accessKeyId":"AKIA","secretAccessKey":""}',
      "hub:raw": "SECRETVALUE",
    });
    await expect(getHubKeys(keyring, "acme")).rejects.toMatchObject({
      exitCode: "vault",
      message: 'The vault entry for hub "acme" is damaged.',
    });
    const failure = await getHubKeys(keyring, "raw").catch((error: Error) => error);
    expect(failure).toMatchObject({ exitCode: "vault" });
    expect(
      JSON.stringify({
        message: (failure as Error).message,
        hint: (failure as { hint?: string }).hint,
      }),
    ).not.toContain("SECRETVALUE");
  });

  it("goes through the encrypted file vault: keys survive a re-open and never appear in the file", async () => {
    const home = await tempHome();
    await setHubKeys((await openAtTestCost(home, "pw")).vault, "acme", acme);
    expect(await getHubKeys((await openAtTestCost(home, "pw")).vault, "acme")).toEqual(acme);
    const bytes = await vaultBytes(home);
    expect(bytes.includes(acme.secretAccessKey)).toBe(false);
    expect(bytes.includes(acme.accessKeyId)).toBe(false);
  });
});

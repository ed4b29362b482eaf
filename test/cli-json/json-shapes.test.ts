import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credoInProcess } from "../support/credo-in-process.js";
import { hubHomeScryptCost } from "../support/vault-file.js";
import { plantSecret } from "../support/secret-registry.js";
import type { HubHome } from "../support/hub-home.js";
import { hubHome, userConfig } from "../support/hub-home.js";
import { demoHubAddArgs, demoHubSecretInput } from "../support/demo-hub-add.js";

/**
 * The README's "JSON shapes" of the commands that change things, run in
 * order on one home against the emulator: each prints one JSON document on
 * stdout with the documented keys, access key ids masked.
 */
let h: HubHome;
const newPassphrase = plantSecret("passphrase", "json new passphrase", "json-new-passphrase-2");
const masked = /^AKIA\*{12}[A-Z0-9]{4}$/;

beforeAll(async () => {
  h = await hubHome({ profiles: "none", before: userConfig, typedPassphrase: true });
}, 120_000);
afterAll(async () => h?.cleanup());

async function json(args: string[], extra: Record<string, string> = {}, input?: string) {
  const run = await credoInProcess([...args, "--json"], {
    env: h.env({ CREDO_PASSPHRASE: h.passphrase, ...extra }),
    vaultScryptCost: hubHomeScryptCost,
    ...(input === undefined ? {} : { input }),
  });
  // The only thing on stderr: the warning every command gives while the vault is unencrypted.
  expect(
    run.stderr.replace("warning: the vault is not encrypted; run `credo crypto enable`\n", ""),
  ).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe("--json of the commands that change things", () => {
  const configFile = () => join(h.home, ".aws/config");

  it("hub add, role add, auth, unauth, rotate, web --print, crypto, role remove, hub remove", async () => {
    const { demo } = h;
    const hub = await json(demoHubAddArgs(demo), {}, demoHubSecretInput(demo));
    expect(hub).toEqual({
      name: "acme",
      accessKeyId: expect.stringMatching(masked),
      mfaSerial: demo.hub.mfaSerial,
      region: "eu-west-1",
      configFile: configFile(),
      replaced: false,
    });

    expect(
      await json(["role", "add", "dev", "--hub", "acme", "--role-arn", demo.roles.dev]),
    ).toEqual({
      name: "dev",
      hub: "acme",
      roleArn: demo.roles.dev,
      mfa: false,
      externalId: null,
      durationSeconds: null,
      sessionName: null,
      region: null,
      configFile: configFile(),
    });

    const auth = await json(["auth", "dev", "--as", "dev", "--mfa-code", h.mfaCode()]);
    expect(auth).toEqual({
      profile: "dev",
      section: "dev",
      file: join(h.home, ".aws/credentials"),
      expiration: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      hub: "acme",
    });

    expect(await json(["unauth", "dev"])).toEqual({
      file: join(h.home, ".aws/credentials"),
      removed: ["dev"],
    });

    const rotated = await json(["rotate", "acme"]);
    expect(rotated).toEqual({
      hub: "acme",
      oldAccessKeyId: hub["accessKeyId"],
      newAccessKeyId: expect.stringMatching(masked),
    });
    expect(rotated["newAccessKeyId"]).not.toBe(rotated["oldAccessKeyId"]);

    const web = await json(["web", "acme", "--print"], {
      CREDO_SIGNIN_URL: `${h.emu.url}/federation`,
    });
    expect(web).toEqual({
      profile: "acme",
      kind: "signin",
      url: expect.stringContaining("/federation"),
    });

    const changed = await json(["crypto", "change-passphrase"], {
      CREDO_NEW_PASSPHRASE: newPassphrase,
    });
    expect(changed).toMatchObject({ backend: "file", exists: true, encrypted: true });
    const disabled = await json(["crypto", "disable"], { CREDO_PASSPHRASE: newPassphrase });
    expect(disabled).toMatchObject({ backend: "file", exists: true, encrypted: false });
    const enabled = await json(["crypto", "enable"], { CREDO_NEW_PASSPHRASE: h.passphrase });
    expect(enabled).toMatchObject({ backend: "file", exists: true, encrypted: true });

    expect(await json(["role", "remove", "dev"])).toEqual({
      name: "dev",
      configFile: configFile(),
    });
    expect(await json(["hub", "remove", "acme", "--yes"])).toEqual({
      name: "acme",
      keyRemoved: true,
      profileRemoved: true,
      // rotate already dropped the hub's cached sessions (they were made with the old key).
      sessionsRemoved: 0,
    });
  }, 90_000);

  it("import: the hubs made (key masked) and the profiles changed in each file", async () => {
    const secret = plantSecret(
      "long-term-secret",
      "json import secret",
      "importSecretKey/0123456789abcdefghijklmn",
    );
    await writeFile(
      join(h.home, ".aws/credentials"),
      `[old]\naws_access_key_id = AKIAIMPORTME00000001\naws_secret_access_key = ${secret}\n`,
    );
    expect(await json(["import"])).toEqual({
      imported: [
        { name: "old", from: "old", accessKeyId: "AKIA************0001", mfaSerial: null },
      ],
      profilesChanged: [
        { file: configFile(), profile: "old" },
        { file: join(h.home, ".aws/credentials"), profile: "old" },
      ],
    });
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCallerIdentity } from "../../src/aws/sts.js";
import { resolveCredentials } from "../../src/providers/resolve.js";
import { memorySessionCache, resolveInputsFor } from "./resolve-fixture.js";
import { lacks } from "../support/external-tool.js";
import type { MotoServer } from "../support/moto-server.js";
import { startMotoServer } from "../support/moto-server.js";

/** moto_server: a second, independent STS for the role-chain scenarios. Skipped with a notice where absent (fails under CI). */

let moto: MotoServer | undefined;
let endpoint = "";

describe.skipIf(lacks("moto_server"))("role chains against moto_server", () => {
  beforeAll(async () => {
    moto = await startMotoServer(100);
    endpoint = moto.endpoint;
  }, 30_000);

  afterAll(() => {
    moto?.stop();
  });

  const config = [
    "[profile a]",
    "role_arn = arn:aws:iam::222222222222:role/A",
    "source_profile = hub",
    "role_session_name = first",
    "[profile b]",
    "role_arn = arn:aws:iam::333333333333:role/B",
    "source_profile = a",
    "external_id = ext",
    "[profile c]",
    "role_arn = arn:aws:iam::444444444444:role/C",
    "source_profile = b",
    "role_session_name = third",
    "duration_seconds = 900",
    "[profile tagged]",
    "role_arn = arn:aws:iam::555555555555:role/Tagged",
    "source_profile = hub",
    "source_identity = alice",
    "session_tags = team=web,project=shop",
    "transitive_session_tags = team",
    "",
  ].join("\n");
  const credentials =
    "[hub]\naws_access_key_id = AKIAHUBEXAMPLE00001\naws_secret_access_key = hub-secret\n";

  it.each([
    ["a", 1, "arn:aws:sts::222222222222:assumed-role/A/first"],
    ["b", 2, /^arn:aws:sts::333333333333:assumed-role\/B\/credo-\d+$/],
    ["c", 3, "arn:aws:sts::444444444444:assumed-role/C/third"],
  ])("profile %s: a chain of %i role(s)", async (profile, length, arn) => {
    const inputs = await resolveInputsFor(
      { AWS_ENDPOINT_URL_STS: endpoint, AWS_REGION: "us-east-1" },
      { config, credentials },
      { profileOption: profile, cache: memorySessionCache() },
    );
    const resolution = await resolveCredentials(inputs);
    expect(resolution.source).toBe("assume-role");
    expect(resolution.chain).toHaveLength(length + 1);
    const identity = await getCallerIdentity(
      { region: "us-east-1", endpoint },
      resolution.credentials,
    );
    expect(identity.arn).toMatch(arn);
  });

  it("a role with source_identity and session tags: moto takes the request the SDK serialises", async () => {
    const inputs = await resolveInputsFor(
      { AWS_ENDPOINT_URL_STS: endpoint, AWS_REGION: "us-east-1" },
      { config, credentials },
      { profileOption: "tagged", cache: memorySessionCache() },
    );
    const resolution = await resolveCredentials(inputs);
    const identity = await getCallerIdentity(
      { region: "us-east-1", endpoint },
      resolution.credentials,
    );
    expect(identity.arn).toMatch(/^arn:aws:sts::555555555555:assumed-role\/Tagged\/credo-\d+$/);
  });
});

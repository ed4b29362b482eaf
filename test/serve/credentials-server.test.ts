import { afterEach, describe, expect, it } from "vitest";
import { fromContainerMetadata } from "@aws-sdk/credential-providers";
import { silentLogger } from "../../src/io/logger.js";
import type { CredentialsServer } from "../../src/serve/credentials-server.js";
import { startCredentialsServer } from "../../src/serve/credentials-server.js";
import { runCommand } from "../support/run-credo.js";

const credentials = {
  accessKeyId: "ASIATESTSERVER000001",
  secretAccessKey: "server-secret-value-planted",
  sessionToken: "server-session-token-planted",
  expiration: new Date("2030-01-01T00:00:00Z"),
};

let server: CredentialsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("the local container-credentials endpoint", () => {
  it("serves credentials only to requests carrying the token", async () => {
    let calls = 0;
    server = await startCredentialsServer({
      getCredentials: async () => (calls++, credentials),
      logger: silentLogger,
    });
    expect(new URL(server.url).hostname).toBe("127.0.0.1");
    const none = await fetch(server.url);
    expect(none.status).toBe(401);
    const wrong = await fetch(server.url, { headers: { authorization: "wrong" } });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain(credentials.secretAccessKey);
    const ok = await fetch(server.url, { headers: { authorization: server.token } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      Token: credentials.sessionToken,
      Expiration: "2030-01-01T00:00:00.000Z",
    });
    expect(calls).toBe(1);
  });

  it("is read by the JS SDK's container provider", async () => {
    server = await startCredentialsServer({
      getCredentials: async () => credentials,
      logger: silentLogger,
    });
    const saved = { ...process.env };
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = server.url;
    process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN = server.token;
    try {
      const resolved = await fromContainerMetadata()();
      expect(resolved.accessKeyId).toBe(credentials.accessKeyId);
      expect(resolved.sessionToken).toBe(credentials.sessionToken);
    } finally {
      process.env = saved;
    }
  });

  it("is read by botocore's container provider", async () => {
    server = await startCredentialsServer({
      getCredentials: async () => credentials,
      logger: silentLogger,
    });
    const script =
      "import botocore.session; c = botocore.session.Session().get_credentials(); " +
      "print(c.method, c.access_key, c.token == 'server-session-token-planted')";
    const run = await runCommand("python3", ["-c", script], {
      env: {
        HOME: "/nonexistent",
        AWS_CONTAINER_CREDENTIALS_FULL_URI: server.url,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: server.token,
      },
    });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe(`container-role ${credentials.accessKeyId} True`);
  });
});

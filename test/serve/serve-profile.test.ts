import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/context.js";
import { nodeFileReader } from "../../src/io/file-system.js";
import { silentLogger } from "../../src/io/logger.js";
import { bufferStreams } from "../../src/io/streams.js";
import { openCredentialRuntime } from "../../src/runtime/credential-runtime.js";
import type { CredentialsServer } from "../../src/serve/credentials-server.js";
import { serveProfile } from "../../src/serve/serve-profile.js";
import type { HubHome } from "../fast-path/hub-home.js";
import { makeHubHome } from "../fast-path/hub-home.js";

let h: HubHome;

beforeAll(async () => {
  h = await makeHubHome({ mfaProcess: true });
});

afterAll(async () => {
  await h.cleanup();
});

describe("serveProfile", () => {
  it("answers from memory, refreshes near expiry, prints the two variables and stops on abort", async () => {
    // credo's clock moves; the emulator keeps real time (so request signatures stay valid).
    let offsetMs = 0;
    const io = bufferStreams();
    const ctx: AppContext = {
      env: h.env(),
      clock: { now: () => Date.now() + offsetMs },
      files: nodeFileReader,
      io,
      logger: silentLogger,
      openPrompter: () => undefined,
      homedir: h.home,
      platform: "linux",
      cwd: h.home,
      argv: [],
    };
    const runtime = await openCredentialRuntime(ctx);
    const stop = new AbortController();
    let server: CredentialsServer | undefined;
    const listening = new Promise<CredentialsServer>((resolve) => {
      const served = serveProfile(runtime, {
        profileOption: "dev",
        signal: stop.signal,
        onListening: resolve,
      });
      void served.then(() => (server = undefined));
    });
    server = await listening;
    const get = async () => {
      const response = await fetch(server!.url, { headers: { authorization: server!.token } });
      expect(response.status).toBe(200);
      return (await response.json()) as { AccessKeyId: string; Expiration: string };
    };

    const first = await get();
    h.emu.resetCalls();
    for (let i = 0; i < 20; i += 1) expect((await get()).AccessKeyId).toBe(first.AccessKeyId);
    expect(h.emu.calls()).toBe(0);

    // 57 minutes later the one-hour role session is inside the refresh window.
    offsetMs = 57 * 60_000;
    const refreshed = await get();
    expect(refreshed.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(h.emu.calls("sts:AssumeRole")).toBe(1);
    expect(h.emu.calls("sts:GetSessionToken")).toBe(0);

    expect(io.stdout()).toBe(
      `export AWS_CONTAINER_CREDENTIALS_FULL_URI='${server.url}'\n` +
        `export AWS_CONTAINER_AUTHORIZATION_TOKEN='${server.token}'\n`,
    );
    expect(io.stderr()).not.toContain(server.token);
    const url = server.url;
    stop.abort();
    await expect.poll(() => server).toBeUndefined();
    await expect(fetch(url)).rejects.toThrow();
  });
});

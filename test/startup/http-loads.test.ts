import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubHome } from "../support/hub-home.js";
import { hubHomeWithDevCached } from "../support/hub-home.js";
import { createThrowawayCa } from "../network/throwaway-ca.js";
import { runCredoRecordingBuiltins } from "../support/record-modules.js";

/**
 * credo's own HTTP exchanges outside the AWS SDK (the container and instance
 * metadata endpoints, the console's federation endpoint) go over node:http.
 * Node's fetch would compile undici's WebAssembly HTTP parser on its first
 * use, about a quarter of a CPU-second on Node.js 20: more than a whole cache
 * hit. Which one a run used shows in the built-in modules it loaded.
 */
const undici = "internal/deps/undici/undici";

let h: HubHome;
let container: Server;
let containerUrl: string;

beforeAll(async () => {
  h = await hubHomeWithDevCached();
  container = createServer((_request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(
      JSON.stringify({
        AccessKeyId: "ASIACONTAINERHTTP",
        SecretAccessKey: "container-secret",
        Token: "container-token",
        Expiration: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    );
  });
  await new Promise<void>((resolve) => container.listen(0, "127.0.0.1", resolve));
  containerUrl = `http://127.0.0.1:${(container.address() as AddressInfo).port}/credentials`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => container?.close(resolve));
  await h?.cleanup();
});

async function builtinsOf(args: string[], extra: Record<string, string>) {
  const { run, builtins } = await runCredoRecordingBuiltins(args, h.env(extra), h.home);
  if (builtins === undefined) throw new Error(`credo ${args.join(" ")} recorded no built-ins`);
  return { ...run, builtins };
}

describe("credo's own HTTP exchanges", () => {
  it("the container endpoint: credentials over node:http, no fetch", async () => {
    const run = await builtinsOf(["export", "--format", "json"], {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: containerUrl,
      AWS_PROFILE: "",
      AWS_CONFIG_FILE: join(h.home, "no-config"),
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ AWS_ACCESS_KEY_ID: "ASIACONTAINERHTTP" });
    expect(run.builtins).toContain("http");
    expect(run.builtins).not.toContain(undici);
  });

  it("the console's federation endpoint: a sign-in URL over node:http, no fetch", async () => {
    const run = await builtinsOf(["web", "dev", "--print"], {
      CREDO_SIGNIN_URL: `${h.emu.url}/federation`,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("SigninToken=");
    expect(run.builtins).toContain("http");
    expect(run.builtins).not.toContain(undici);
  });

  it("an AWS call with a CA bundle and no proxy loads no proxy agent, nor the terminal module their logger asks", async () => {
    // AWS_CA_BUNDLE makes credo build its own HTTP agents, as a corporate network's settings do.
    const ca = await createThrowawayCa();
    try {
      const run = await builtinsOf(["whoami", "dev"], { AWS_CA_BUNDLE: ca.caFile });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("Account:    222222222222");
      expect(run.builtins).toContain("https");
      expect(run.builtins).not.toContain("tty");
    } finally {
      await ca.remove();
    }
  });
});

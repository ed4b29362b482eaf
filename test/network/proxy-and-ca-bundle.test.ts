import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoIdentities, Emulator } from "../../src/emulator/index.js";
import { seedDemoIdentities, startEmulator } from "../../src/emulator/index.js";
import { networkSettings } from "../../src/aws/network-settings.js";
import { sdkSsoOidcApi } from "../../src/sso/sso-oidc-api.js";
import { sdkSsoPortalApi } from "../../src/sso/sso-portal-api.js";
import { credoInProcess } from "../support/credo-in-process.js";
import { homeEnv, makeTempHome } from "../support/run-credo.js";
import { createThrowawayCa, type ThrowawayCa } from "./throwaway-ca.js";

/**
 * Corporate networks end to end: the emulator serves HTTPS with a certificate
 * from a throwaway authority under the name aws.credo.test, which only the
 * forward proxy (its own process, the `proxy` package) resolves. A call can
 * only succeed through the proxy (CONNECT for HTTPS, forwarding for HTTP) and
 * with the authority trusted through AWS_CA_BUNDLE or ca_bundle.
 */
const proxyScript = fileURLToPath(new URL("./forward-proxy.mjs", import.meta.url));
const proxyUser = "corp-user";
const proxyPassword = "proxy-pass-9f3b";

let ca: ThrowawayCa;
let tlsEmu: Emulator;
let plainEmu: Emulator;
let plainUser: DemoIdentities["hub"];
let demo: DemoIdentities;
let proxy: { child: ChildProcess; port: number; log: string[] };
let home: string;
let cleanup: () => Promise<void>;

async function startProxy(): Promise<typeof proxy> {
  const child = spawn(process.execPath, [proxyScript], {
    env: { PATH: process.env.PATH, FORWARD_PROXY_AUTH: `${proxyUser}:${proxyPassword}` },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const log: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = "";
    child.once("exit", (code) => reject(new Error(`proxy exited with ${code}`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf("\n")) !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.startsWith("{")) resolve((JSON.parse(line) as { port: number }).port);
        else log.push(line);
      }
    });
  });
  return { child, port, log };
}

/** credo's main() in this process, as the CLI would run with this environment. */
const credo = (args: string[], options: { env: Record<string, string> }) =>
  credoInProcess(args, options);

const proxyUrl = () => `http://${proxyUser}:${proxyPassword}@127.0.0.1:${proxy.port}`;

function env(extra: Record<string, string> = {}) {
  return homeEnv(home, { AWS_ENDPOINT_URL: tlsEmu.url, ...extra });
}

beforeAll(async () => {
  ca = await createThrowawayCa();
  const server = await ca.serverFor(["aws.credo.test"]);
  tlsEmu = await startEmulator({ tls: server, hostname: "aws.credo.test" });
  demo = seedDemoIdentities(tlsEmu);
  plainEmu = await startEmulator({ hostname: "aws.credo.test" });
  plainUser = seedDemoIdentities(plainEmu).hub;
  proxy = await startProxy();
  ({ home, cleanup } = await makeTempHome());
  await mkdir(join(home, ".aws"));
  await writeFile(
    join(home, ".aws/credentials"),
    [
      "[base]",
      `aws_access_key_id = ${demo.hub.accessKeyId}`,
      `aws_secret_access_key = ${demo.hub.secretAccessKey}`,
      "[plain]",
      `aws_access_key_id = ${plainUser.accessKeyId}`,
      `aws_secret_access_key = ${plainUser.secretAccessKey}`,
      "",
    ].join("\n"),
  );
  await writeFile(
    join(home, ".aws/config"),
    [
      "[profile dev]",
      `role_arn = ${demo.roles.dev}`,
      "source_profile = base",
      "region = us-east-1",
      "[profile dev-bundled]",
      `role_arn = ${demo.roles.dev}`,
      "source_profile = base",
      "region = us-east-1",
      `ca_bundle = ${ca.caFile}`,
      "[profile plain]",
      "region = us-east-1",
      "",
    ].join("\n"),
  );
}, 60_000);

afterAll(async () => {
  proxy?.child.kill("SIGTERM");
  await tlsEmu?.stop();
  await plainEmu?.stop();
  await cleanup?.();
  await ca?.remove();
});

function expectOneCleanMessage(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain(proxyPassword);
}

describe("HTTPS through a CONNECT proxy with a private certificate authority", () => {
  it("reaches STS through HTTPS_PROXY, trusting AWS_CA_BUNDLE; --debug names both, without the proxy password", async () => {
    const before = proxy.log.length;
    const run = await credo(["whoami", "dev", "--debug"], {
      env: env({ HTTPS_PROXY: proxyUrl(), AWS_CA_BUNDLE: ca.caFile }),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("assumed-role/Developer");
    expect(proxy.log.slice(before)).toContain(`CONNECT aws.credo.test:${tlsEmu.port}`);
    expect(tlsEmu.calls("sts:AssumeRole")).toBeGreaterThan(0);
    expect(run.stderr).toContain(`debug: Trusting the CA bundle ${ca.caFile} (AWS_CA_BUNDLE)`);
    expect(run.stderr).toContain(
      `debug: Connecting to aws.credo.test:${tlsEmu.port} through the proxy http://****:****@127.0.0.1:${proxy.port}/ (HTTPS_PROXY)`,
    );
    expect(run.stderr).not.toContain(proxyPassword);
    expect(run.stderr).not.toContain(proxyUser);
  }, 60_000);

  it("takes the lower-case https_proxy and the profile's ca_bundle", async () => {
    const before = proxy.log.length;
    const run = await credo(["whoami", "dev-bundled"], {
      env: env({ https_proxy: proxyUrl() }),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("assumed-role/Developer");
    expect(proxy.log.slice(before)).toContain(`CONNECT aws.credo.test:${tlsEmu.port}`);
  }, 60_000);

  it("signs in to the console through the proxy (the federation endpoint is called outside the SDK)", async () => {
    const before = tlsEmu.calls("signin:GetSigninToken");
    const run = await credo(["web", "dev", "--print"], {
      env: env({
        HTTPS_PROXY: proxyUrl(),
        AWS_CA_BUNDLE: ca.caFile,
        CREDO_SIGNIN_URL: `${tlsEmu.url}/federation`,
      }),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(new URL(run.stdout.trim()).searchParams.get("Action")).toBe("login");
    expect(tlsEmu.calls("signin:GetSigninToken")).toBe(before + 1);
  }, 60_000);

  it("an untrusted certificate: one message naming AWS_CA_BUNDLE, exit 6", async () => {
    const run = await credo(["whoami", "dev"], { env: env({ HTTPS_PROXY: proxyUrl() }) });
    expect(run.code).toBe(6);
    expect(run.stderr).toContain("is not signed by a trusted certificate authority");
    expect(run.stderr).toContain("AWS_CA_BUNDLE");
    expectOneCleanMessage(run.stderr);
  }, 60_000);

  it("a certificate for another host name: one message, exit 6", async () => {
    const run = await credo(["whoami", "dev"], {
      env: env({
        HTTPS_PROXY: proxyUrl(),
        AWS_CA_BUNDLE: ca.caFile,
        AWS_ENDPOINT_URL: `https://other.credo.test:${tlsEmu.port}`,
      }),
    });
    expect(run.code).toBe(6);
    expect(run.stderr).toContain("the certificate of other.credo.test is for another host name");
    expect(run.stderr).toContain("AWS_CA_BUNDLE");
    expectOneCleanMessage(run.stderr);
  }, 60_000);

  it("a CA bundle that is not a certificate file: a configuration error, exit 3", async () => {
    const run = await credo(["whoami", "dev"], {
      env: env({ HTTPS_PROXY: proxyUrl(), AWS_CA_BUNDLE: join(home, "missing.pem") }),
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`The CA bundle ${join(home, "missing.pem")} (from AWS_CA_BUNDLE)`);
    expectOneCleanMessage(run.stderr);
  }, 60_000);

  it("NO_PROXY sends the host direct, where its name does not resolve", async () => {
    const before = proxy.log.length;
    const run = await credo(["whoami", "dev"], {
      env: env({ HTTPS_PROXY: proxyUrl(), AWS_CA_BUNDLE: ca.caFile, NO_PROXY: "credo.test" }),
    });
    expect(run.code).toBe(6);
    expect(proxy.log.slice(before)).toEqual([]);
    expectOneCleanMessage(run.stderr);
  }, 60_000);
});

describe("IAM Identity Center clients through the proxy", () => {
  it("SSO OIDC and the SSO portal reach the emulator through HTTPS_PROXY with the CA bundle", async () => {
    const network = {
      settings: networkSettings({ HTTPS_PROXY: proxyUrl(), AWS_CA_BUNDLE: ca.caFile }, undefined),
    };
    const before = proxy.log.length;
    const oidc = await sdkSsoOidcApi(tlsEmu.url, network)("us-east-1");
    const registration = await oidc.registerClient({
      clientName: "proxy-test",
      clientType: "public",
    });
    expect(registration.clientId).toBeTruthy();
    const portal = await sdkSsoPortalApi(tlsEmu.url, network)("us-east-1");
    await expect(portal.listAccounts({ accessToken: "not-a-token" })).rejects.toMatchObject({
      name: "UnauthorizedException",
    });
    expect(proxy.log.slice(before).filter((line) => line.startsWith("CONNECT"))).not.toEqual([]);
  }, 60_000);
});

describe("plain HTTP through a forwarding proxy", () => {
  it("forwards the SDK's request to HTTP_PROXY", async () => {
    const before = proxy.log.length;
    const run = await credo(["whoami", "plain"], {
      env: homeEnv(home, { AWS_ENDPOINT_URL: plainEmu.url, HTTP_PROXY: proxyUrl() }),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("user/alice");
    expect(proxy.log.slice(before)).toContain(`POST http://aws.credo.test:${plainEmu.port}/`);
  }, 60_000);

  it("reaches the container metadata endpoint directly, never through the proxy", async () => {
    let served = 0;
    const metadata = createServer((_req, res) => {
      served += 1;
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          AccessKeyId: plainUser.accessKeyId,
          SecretAccessKey: plainUser.secretAccessKey,
          Expiration: new Date(Date.now() + 3600_000).toISOString(),
        }),
      );
    });
    await new Promise<void>((resolve) => metadata.listen(0, "127.0.0.1", resolve));
    const port = (metadata.address() as AddressInfo).port;
    try {
      const before = proxy.log.length;
      const run = await credo(["whoami"], {
        env: {
          HOME: home,
          CREDO_HOME: join(home, ".credo"),
          AWS_CONFIG_FILE: join(home, "no-config"),
          AWS_SHARED_CREDENTIALS_FILE: join(home, "no-credentials"),
          AWS_REGION: "us-east-1",
          AWS_ENDPOINT_URL: plainEmu.url,
          AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/credentials`,
          HTTP_PROXY: proxyUrl(),
        },
      });
      expect(run.code, run.stderr).toBe(0);
      expect(served).toBe(1);
      const proxied = proxy.log.slice(before);
      expect(proxied).toContain(`POST http://aws.credo.test:${plainEmu.port}/`);
      expect(proxied.filter((line) => line.includes(`127.0.0.1:${port}`))).toEqual([]);
    } finally {
      metadata.close();
    }
  }, 60_000);
});

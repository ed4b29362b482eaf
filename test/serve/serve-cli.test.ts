import { execFileSync, spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubHome } from "../support/hub-home.js";
import { hubHome } from "../support/hub-home.js";
import { credoBin, runCommand } from "../support/run-credo.js";

const python = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], {
  encoding: "utf8",
}).trim();

let h: HubHome;
let child: ChildProcessWithoutNullStreams;
let stderr = "";
let exited: Promise<number | null>;
let url: string;
let token: string;
let devRoleName: string;

beforeAll(async () => {
  h = await hubHome({ profiles: "hand-written", mfaProcess: true });
  devRoleName = h.demo.roles.dev.split("/").pop() ?? "";
  child = spawn(process.execPath, [credoBin, "serve", "dev"], { env: h.env() });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  let stdout = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.split("\n").length > 2) resolve();
    });
    child.on("exit", () => reject(new Error(`credo serve exited: ${stderr}`)));
  });
  url = /AWS_CONTAINER_CREDENTIALS_FULL_URI='([^']+)'/.exec(stdout)?.[1] ?? "";
  token = /AWS_CONTAINER_AUTHORIZATION_TOKEN='([^']+)'/.exec(stdout)?.[1] ?? "";
}, 60_000);

afterAll(async () => {
  child.kill("SIGKILL");
  await h.cleanup();
});

function clientEnv(): Record<string, string> {
  const { HOME, PATH, AWS_ENDPOINT_URL } = h.env();
  return {
    HOME: HOME ?? "",
    PATH: PATH ?? "",
    AWS_ENDPOINT_URL: AWS_ENDPOINT_URL ?? "",
    AWS_REGION: "us-east-1",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONTAINER_CREDENTIALS_FULL_URI: url,
    AWS_CONTAINER_AUTHORIZATION_TOKEN: token,
  };
}

describe("credo serve", () => {
  it("listens on loopback and refuses requests without the token (401) or with a wrong one (403)", async () => {
    expect(new URL(url).hostname).toBe("127.0.0.1");
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `${token}x` } })).status).toBe(403);
    expect((await fetch(url, { headers: { authorization: token } })).status).toBe(200);
  });

  it("is read by the JS SDK's default chain", async () => {
    const script = `
      import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
      console.log(JSON.stringify(await new STSClient({}).send(new GetCallerIdentityCommand({}))));`;
    const run = await runCommand(process.execPath, ["--input-type=module", "-e", script], {
      env: clientEnv(),
    });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { Arn: string }).Arn).toMatch(
      new RegExp(`:assumed-role/${devRoleName}/`),
    );
  });

  it("is read by botocore", async () => {
    const script = `import json, botocore.session
print(json.dumps(botocore.session.Session().create_client("sts").get_caller_identity()))`;
    const run = await runCommand(python, ["-c", script], { env: clientEnv() });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { Arn: string }).Arn).toMatch(
      new RegExp(`:assumed-role/${devRoleName}/`),
    );
  });

  it("stops on SIGTERM with exit 0, never having printed the token on stderr", async () => {
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toContain("Serving credentials for dev");
    expect(stderr).not.toContain(token);
    await expect(fetch(url)).rejects.toThrow();
  });
});

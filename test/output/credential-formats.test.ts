import { describe, expect, it } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExportInput } from "../../src/output/credential-formats.js";
import { formatCredentials } from "../../src/output/credential-formats.js";
import { runCommand } from "../support/run-credo.js";

// Values with every character a shell or dotenv parser could trip on.
const tricky: ExportInput = {
  credentials: {
    accessKeyId: "ASIAQUOTES0000000001",
    secretAccessKey: `a'b"c$d\`e\\f g+/=`,
    sessionToken: "tok'en$(touch /tmp/credo-pwned)`id`",
    expiration: new Date("2031-02-03T04:05:06Z"),
  },
  region: "eu-west-1",
  profile: "dev",
};
const names = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_CREDENTIAL_EXPIRATION",
];
const expected = [
  tricky.credentials.accessKeyId,
  tricky.credentials.secretAccessKey,
  tricky.credentials.sessionToken,
  "eu-west-1",
  "eu-west-1",
  "2031-02-03T04:05:06.000Z",
];

describe("credential export formats", () => {
  it("env: sh evaluates to exactly the values, running nothing", async () => {
    const script = `${formatCredentials("env", tricky)}printf '%s\\n' ${names.map((n) => `"$${n}"`).join(" ")}`;
    const run = await runCommand("sh", ["-c", script]);
    expect(run.stdout.split("\n").slice(0, names.length)).toEqual(expected);
  });

  it("dotenv: node --env-file reads exactly the values", async () => {
    const input = {
      ...tricky,
      credentials: { ...tricky.credentials, secretAccessKey: "a+b/c=d$e`f g" },
    };
    const values = [...expected];
    values[1] = input.credentials.secretAccessKey;
    const dir = await mkdtemp(join(tmpdir(), "credo-dotenv-"));
    const file = join(dir, ".env");
    await writeFile(file, formatCredentials("dotenv", input));
    const run = await runCommand(process.execPath, [
      `--env-file=${file}`,
      "-e",
      `console.log(JSON.stringify(${JSON.stringify(names)}.map((n) => process.env[n])))`,
    ]);
    expect(JSON.parse(run.stdout)).toEqual(values);
  });

  it("dotenv: refuses a value no dotenv parser reads the same", () => {
    expect(() => formatCredentials("dotenv", tricky)).toThrow(/dotenv/);
  });

  it("credential-process: the Version 1 document", () => {
    expect(JSON.parse(formatCredentials("credential-process", tricky))).toEqual({
      Version: 1,
      AccessKeyId: tricky.credentials.accessKeyId,
      SecretAccessKey: tricky.credentials.secretAccessKey,
      SessionToken: tricky.credentials.sessionToken,
      Expiration: "2031-02-03T04:05:06.000Z",
    });
  });

  it("ini, fish and powershell name every variable", () => {
    expect(formatCredentials("ini", tricky)).toMatch(/^\[dev\]\naws_access_key_id = ASIAQUOTES/);
    expect(formatCredentials("fish", tricky)).toContain(
      "set -gx AWS_SESSION_TOKEN 'tok\\'en$(touch",
    );
    expect(formatCredentials("powershell", tricky)).toContain(
      `$Env:AWS_SECRET_ACCESS_KEY = 'a''b"c`,
    );
  });
});

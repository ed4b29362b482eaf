import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { GetSessionTokenCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { totp, type DemoIdentities } from "../../src/emulator/index.js";

describe("src/emulator/serve.ts", () => {
  it("prints its URL and the seeded identities, serves them, and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/emulator/serve.ts"], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const url = (await lines.next()).value as string;
      const seeded = JSON.parse((await lines.next()).value as string) as DemoIdentities & {
        url: string;
      };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(seeded.url).toBe(url);
      expect(seeded.roles.prod).toBe("arn:aws:iam::333333333333:role/Admin");

      const sts = new STSClient({
        region: "us-east-1",
        endpoint: url,
        credentials: seeded.hub,
        maxAttempts: 1,
      });
      const session = await sts.send(
        new GetSessionTokenCommand({
          SerialNumber: seeded.hub.mfaSerial,
          TokenCode: totp(seeded.hub.mfaSecret!, Date.now()),
        }),
      );
      expect(session.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../src/io/logger.js";

describe("redactSecrets (the --debug log's second line of defence)", () => {
  it("masks a role's external id in JSON, in a request body and as a profile line", () => {
    const id = "xid-Planted-DoNotLeak";
    for (const text of [
      `{"kind":"AssumeRole","externalId":"${id}"}`,
      `Action=AssumeRole {"ExternalId": "${id}"}`,
      `external_id = ${id}`,
    ]) {
      expect(redactSecrets(text)).not.toContain(id);
      expect(redactSecrets(text)).toContain("****");
    }
  });

  it("leaves other text alone", () => {
    const text = 'session cache hit for {"kind":"AssumeRole","roleArn":"arn:aws:iam::1:role/R"}';
    expect(redactSecrets(text)).toBe(text);
  });
});

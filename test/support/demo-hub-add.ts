import type { DemoIdentities } from "../../src/emulator/index.js";

/**
 * `credo hub add acme` for the emulator's seeded IAM user, in region
 * eu-west-1; the secret key goes on standard input (`demoHubSecretInput`),
 * never on the command line.
 */
export function demoHubAddArgs(demo: DemoIdentities): string[] {
  return [
    "hub",
    "add",
    "acme",
    "--access-key-id",
    demo.hub.accessKeyId,
    "--mfa-serial",
    demo.hub.mfaSerial ?? "",
    "--region",
    "eu-west-1",
    "--secret-access-key-stdin",
  ];
}

export function demoHubSecretInput(demo: DemoIdentities): string {
  return `${demo.hub.secretAccessKey}\n`;
}

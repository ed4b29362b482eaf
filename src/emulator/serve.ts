/**
 * Run the emulator on its own for the demo and manual testing:
 *   npx tsx src/emulator/serve.ts [--port N]
 * Prints the URL on the first line and the seeded identities as one line of
 * JSON on the second (the keys are the emulator's own, valid nowhere else),
 * then serves until SIGINT or SIGTERM.
 */
import { startEmulator } from "./start-emulator.js";
import { seedDemoIdentities } from "./seed-demo-identities.js";

const portFlag = process.argv.indexOf("--port");
const port = portFlag === -1 ? 0 : Number(process.argv[portFlag + 1]);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write("usage: serve.ts [--port N]\n");
  process.exit(2);
}

const emulator = await startEmulator({ port });
const identities = seedDemoIdentities(emulator);
process.stdout.write(`${emulator.url}\n${JSON.stringify({ url: emulator.url, ...identities })}\n`);

const shutdown = () => {
  emulator.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);

import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as delay } from "node:timers/promises";

/** A moto_server the test started: a second, independent AWS on 127.0.0.1. */
export interface MotoServer {
  endpoint: string;
  stop(): void;
}

/**
 * Starts moto_server on a free loopback port and waits until it answers,
 * trying every 100 ms up to `attempts` times.
 */
export async function startMotoServer(attempts: number): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const moto: ChildProcess = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], {
    stdio: "ignore",
  });
  for (let attempt = 0; ; attempt += 1) {
    const up = await fetch(`${endpoint}/moto-api/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (attempt >= attempts) {
      moto.kill();
      throw new Error("moto_server did not start");
    }
    await delay(100);
  }
  return { endpoint, stop: () => moto.kill() };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

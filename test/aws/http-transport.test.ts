import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { directTransport } from "../../src/aws/http-transport.js";

/** credo's own HTTP exchanges (metadata endpoints, console federation) over node:http. */
let server: Server | undefined;

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void) {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function stop() {
  const running = server;
  server = undefined;
  if (running === undefined) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
}

afterEach(stop);

describe("directTransport", () => {
  it("sends the method, headers and body, and returns the status, headers and body", async () => {
    const url = await serve((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        response.setHeader(
          "x-seen",
          `${request.method} ${request.url} ${request.headers["x-aws-ec2-metadata-token-ttl-seconds"]} ${body}`,
        );
        response.setHeader("set-cookie", ["a=1", "b=2"]);
        response.statusCode = 201;
        response.end("answer");
      });
    });
    const response = await directTransport({
      method: "PUT",
      url: `${url}/latest/api/token?x=1`,
      headers: { "x-aws-ec2-metadata-token-ttl-seconds": "21600" },
      body: "payload",
    });
    expect(response).toMatchObject({
      status: 201,
      body: "answer",
      headers: { "x-seen": "PUT /latest/api/token?x=1 21600 payload", "set-cookie": "a=1, b=2" },
    });
  });

  it("ends an exchange that outlasts its time limit with a TimeoutError", async () => {
    const url = await serve(() => undefined);
    await expect(
      directTransport({ method: "GET", url, headers: {}, timeoutMs: 200 }),
    ).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("reports a refused connection with its code", async () => {
    const url = await serve(() => undefined);
    await stop();
    await expect(directTransport({ method: "GET", url, headers: {} })).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
  });
});

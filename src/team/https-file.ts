import { readFile } from "node:fs/promises";
import { request } from "node:https";
import { CredoError } from "../errors.js";
import { envValue, type Env } from "../io/env.js";

const maxBytes = 1024 * 1024;

/**
 * Downloads a registry file over https. The trust store is AWS_CA_BUNDLE when
 * set, as for the AWS CLI and SDKs: a team behind a TLS-inspecting proxy has
 * already set it for its AWS tools, and the registry is fetched from the same
 * network. Otherwise Node's own store (which NODE_EXTRA_CA_CERTS extends) applies.
 */
export async function downloadHttpsFile(url: string, deps: { env: Env }): Promise<string> {
  const bundle = envValue(deps.env, "AWS_CA_BUNDLE");
  let ca: Buffer | undefined;
  if (bundle !== undefined) {
    try {
      ca = await readFile(bundle);
    } catch (error) {
      throw new CredoError(`Cannot read the CA bundle ${bundle} (AWS_CA_BUNDLE).`, {
        exitCode: "config",
        hint: "Point AWS_CA_BUNDLE at a PEM file.",
        cause: error,
      });
    }
  }
  return new Promise((resolve, reject) => {
    const fail = (reason: string, cause?: unknown) =>
      reject(
        new CredoError(`Cannot download the registry ${url}: ${reason}.`, {
          exitCode: "network",
          hint: "Nothing was changed; the last good copy stays in use.",
          cause,
        }),
      );
    const req = request(url, { ...(ca === undefined ? {} : { ca }), timeout: 30_000 }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        fail(`HTTP ${res.statusCode ?? "error"}`);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) req.destroy(new Error("larger than 1 MiB"));
        else chunks.push(chunk);
      });
      res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      res.on("error", (error) => fail(error.message, error));
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", (error) => fail(error.message, error));
    req.end();
  });
}

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface ThrowawayCa {
  dir: string;
  /** The authority's certificate (PEM), the file for AWS_CA_BUNDLE. */
  caFile: string;
  /** A server key and certificate signed by the authority for these DNS names. */
  serverFor(names: readonly string[]): Promise<{ key: string; cert: string }>;
  remove(): Promise<void>;
}

/** A certificate authority made with openssl for one test file, trusted nowhere else. */
export async function createThrowawayCa(): Promise<ThrowawayCa> {
  const dir = await mkdtemp(join(tmpdir(), "credo-ca-"));
  const caKey = join(dir, "ca.key");
  const caFile = join(dir, "ca.pem");
  await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-sha256",
    "-days",
    "2",
    "-subj",
    "/CN=credo test authority",
    "-keyout",
    caKey,
    "-out",
    caFile,
  ]);
  let serial = 0;
  return {
    dir,
    caFile,
    async serverFor(names) {
      serial += 1;
      const base = join(dir, `server-${serial}`);
      await writeFile(`${base}.ext`, `subjectAltName=${names.map((n) => `DNS:${n}`).join(",")}\n`);
      await run("openssl", [
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-sha256",
        "-subj",
        `/CN=${names[0] ?? "server"}`,
        "-keyout",
        `${base}.key`,
        "-out",
        `${base}.csr`,
      ]);
      await run("openssl", [
        "x509",
        "-req",
        "-in",
        `${base}.csr`,
        "-CA",
        caFile,
        "-CAkey",
        caKey,
        "-CAcreateserial",
        "-days",
        "2",
        "-sha256",
        "-extfile",
        `${base}.ext`,
        "-out",
        `${base}.pem`,
      ]);
      return {
        key: await readFile(`${base}.key`, "utf8"),
        cert: await readFile(`${base}.pem`, "utf8"),
      };
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

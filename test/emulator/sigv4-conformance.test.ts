import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkSignature,
  parseAuthorizationHeader,
  type ReceivedRequest,
} from "../../src/emulator/sigv4.js";
import { vectorsRoot } from "../conformance/vectors-root.js";

const crtRoot = join(vectorsRoot, "sigv4-signing-test-suite/aws-c-auth/v4");
const smithyRoot = join(vectorsRoot, "sigv4-signing-test-suite/smithy-rs-additions/v4");
const legacyRoot = join(vectorsRoot, "aws4-testsuite-legacy/botocore");
const exampleSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/** A raw HTTP/1.1 request as the suites write it: folded header lines continue the previous value. */
function parseRawRequest(text: string): ReceivedRequest {
  const normalized = text.replace(/\r\n/g, "\n");
  const blank = normalized.indexOf("\n\n");
  const head = blank === -1 ? normalized : normalized.slice(0, blank);
  const body = blank === -1 ? "" : normalized.slice(blank + 2);
  const [requestLine = "", ...lines] = head.split("\n");
  const firstSpace = requestLine.indexOf(" ");
  const method = requestLine.slice(0, firstSpace);
  const target = requestLine.slice(firstSpace + 1).replace(/ HTTP\/1\.1$/, "");
  const headers: Array<[string, string]> = [];
  for (const line of lines) {
    const last = headers[headers.length - 1];
    if (/^\s/.test(line) && last !== undefined) last[1] = `${last[1]} ${line.trim()}`;
    else if (line !== "") {
      const colon = line.indexOf(":");
      headers.push([line.slice(0, colon), line.slice(colon + 1)]);
    }
  }
  const question = target.indexOf("?");
  return {
    method,
    path: question === -1 ? target : target.slice(0, question),
    query: question === -1 ? "" : target.slice(question + 1),
    headers,
    body: Buffer.from(body, "utf8"),
  };
}

function authorizationOf(request: ReceivedRequest) {
  const header = request.headers.find(([name]) => name.toLowerCase() === "authorization");
  const auth = header === undefined ? undefined : parseAuthorizationHeader(header[1]);
  if (auth === undefined) throw new Error("signed request has no parseable Authorization header");
  return auth;
}

const read = (path: string) => readFileSync(path, "utf8");

describe("SigV4 verification against aws-c-auth v4 header-signed cases", () => {
  const cases = readdirSync(crtRoot).filter((name) =>
    existsSync(join(crtRoot, name, "header-signed-request.txt")),
  );

  it("finds the whole suite", () => {
    expect(cases.length).toBe(38);
  });

  it.each(cases)("%s", (name) => {
    const dir = join(crtRoot, name);
    const context = JSON.parse(read(join(dir, "context.json"))) as {
      credentials: { secret_access_key: string };
      normalize: boolean;
    };
    const request = parseRawRequest(read(join(dir, "header-signed-request.txt")));
    const check = checkSignature(
      request,
      authorizationOf(request),
      context.credentials.secret_access_key,
      {
        normalizePath: context.normalize,
      },
    );
    expect(check.canonicalRequest).toBe(read(join(dir, "header-canonical-request.txt")));
    expect(check.stringToSign).toBe(read(join(dir, "header-string-to-sign.txt")));
    expect(check.expectedSignature).toBe(read(join(dir, "header-signature.txt")).trim());
    expect(check.valid).toBe(true);
  });

  it("rejects a signature made with another secret", () => {
    const request = parseRawRequest(read(join(crtRoot, "get-vanilla/header-signed-request.txt")));
    expect(checkSignature(request, authorizationOf(request), "not-the-secret").valid).toBe(false);
  });

  it("rejects a request changed after signing", () => {
    const request = parseRawRequest(
      read(join(crtRoot, "post-x-www-form-urlencoded/header-signed-request.txt")),
    );
    const tampered = {
      ...request,
      headers: request.headers.filter(([name]) => name !== "x-amz-content-sha256"),
      body: Buffer.from("Param1=value2"),
    };
    expect(checkSignature(tampered, authorizationOf(request), exampleSecret).valid).toBe(false);
  });
});

describe("SigV4 verification against the smithy-rs additions", () => {
  // double-encode-path's expected files disagree with its own request on X-Amz-Date
  // (2021 vs 2015), so only its canonical path line is checked; double-url-encode is
  // consistent and checked whole.
  it("double-url-encode: the path is encoded again on top of its wire form", () => {
    const dir = join(smithyRoot, "double-url-encode");
    const request = parseRawRequest(read(join(dir, "header-signed-request.txt")));
    const check = checkSignature(request, authorizationOf(request), exampleSecret);
    expect(check.canonicalRequest).toBe(
      read(join(dir, "header-canonical-request.txt")).replace(/\n$/, ""),
    );
    expect(check.stringToSign).toBe(
      read(join(dir, "header-string-to-sign.txt")).replace(/\n$/, ""),
    );
    expect(check.valid).toBe(true);
  });

  it("double-encode-path: canonical path", () => {
    const dir = join(smithyRoot, "double-encode-path");
    const request = parseRawRequest(read(join(dir, "header-signed-request.txt")));
    const check = checkSignature(request, authorizationOf(request), exampleSecret);
    expect(check.canonicalRequest.split("\n")[1]).toBe(
      read(join(dir, "header-canonical-request.txt")).split("\n")[1],
    );
  });
});

describe("SigV4 verification against the legacy aws4 test suite (botocore copy)", () => {
  function findCases(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (!statSync(path).isDirectory()) return [];
      return existsSync(join(path, `${name}.sreq`)) ? [path] : findCases(path);
    });
  }
  const cases = findCases(legacyRoot);

  it("finds the whole suite", () => {
    expect(cases.length).toBe(34);
  });

  it.each(cases.map((path) => [path.slice(legacyRoot.length + 1), path]))("%s", (_label, dir) => {
    const name = dir.split("/").pop()!;
    const file = (ext: string) => read(join(dir, `${name}.${ext}`));
    // The .authz file is the reference: get-vanilla-with-session-token's .sreq
    // carries get-vanilla's signature (an upstream copy slip), its .authz the right one.
    const request = parseRawRequest(file("sreq"));
    const auth = parseAuthorizationHeader(file("authz"));
    if (auth === undefined) throw new Error(`${name}.authz does not parse`);
    const check = checkSignature(request, auth, exampleSecret);
    expect(check.canonicalRequest).toBe(file("creq"));
    expect(check.stringToSign).toBe(file("sts"));
    expect(check.valid).toBe(true);
  });
});

import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  bypassesProxy,
  networkSettings,
  proxyForUrl,
  redactProxyUrl,
} from "../../src/aws/network-settings.js";

/**
 * botocore decides whether to bypass the proxy with urllib's
 * proxy_bypass_environment; these cases are run through the installed Python's
 * own function and credo must agree with every answer.
 */
const noProxyCases: Array<[noProxy: string, url: string]> = [
  ["amazonaws.com", "https://sts.amazonaws.com/"],
  ["amazonaws.com", "https://sts.us-east-1.amazonaws.com/"],
  [".amazonaws.com", "https://sts.amazonaws.com/"],
  ["amazonaws.com", "https://amazonaws.com/"],
  ["amazonaws.com", "https://notamazonaws.com/"],
  ["sts.amazonaws.com", "https://sso.amazonaws.com/"],
  ["*", "https://sts.amazonaws.com/"],
  ["localhost,127.0.0.1", "http://127.0.0.1:4566/"],
  ["localhost, 127.0.0.1", "http://localhost:4566/"],
  ["aws.credo.test:8443", "https://aws.credo.test:8443/"],
  ["aws.credo.test:8443", "https://aws.credo.test:9443/"],
  ["AWS.Credo.TEST", "https://aws.credo.test/"],
  ["credo.test", "https://aws.credo.test:8443/"],
  ["..credo.test", "https://aws.credo.test/"],
  [",,", "https://sts.amazonaws.com/"],
  ["10.0.0.0/8", "http://10.1.2.3/"],
];

function pythonBypasses(): boolean[] {
  const script = [
    "import json, sys, urllib.parse, urllib.request",
    "cases = json.load(sys.stdin)",
    "print(json.dumps([bool(urllib.request.proxy_bypass_environment(urllib.parse.urlparse(u).netloc, {'no': n})) for n, u in cases]))",
  ].join("\n");
  const output = execFileSync("python3", ["-c", script], { input: JSON.stringify(noProxyCases) });
  return JSON.parse(output.toString()) as boolean[];
}

describe("NO_PROXY", () => {
  it("bypasses the proxy exactly where botocore (urllib) does", () => {
    const expected = pythonBypasses();
    const actual = noProxyCases.map(([noProxy, url]) => bypassesProxy(noProxy, new URL(url)));
    expect(actual.map((bypass, i) => [...noProxyCases[i]!, bypass])).toEqual(
      expected.map((bypass, i) => [...noProxyCases[i]!, bypass]),
    );
  });
});

describe("networkSettings", () => {
  it("prefers the lower-case proxy variables, as urllib does, and counts empty ones as unset", () => {
    const settings = networkSettings(
      {
        https_proxy: "http://lower:3128",
        HTTPS_PROXY: "http://upper:3128",
        http_proxy: "",
        HTTP_PROXY: "upper-plain:3128",
        NO_PROXY: "internal",
      },
      undefined,
    );
    expect(settings).toEqual({
      httpsProxy: { value: "http://lower:3128", from: "https_proxy" },
      httpProxy: { value: "upper-plain:3128", from: "HTTP_PROXY" },
      noProxy: "internal",
    });
  });

  it("takes AWS_CA_BUNDLE over the profile's ca_bundle", () => {
    expect(
      networkSettings({ AWS_CA_BUNDLE: "/env.pem" }, { ca_bundle: "/p.pem" }).caBundle,
    ).toEqual({ value: "/env.pem", from: "AWS_CA_BUNDLE" });
    expect(networkSettings({}, { ca_bundle: "/p.pem" }).caBundle).toEqual({
      value: "/p.pem",
      from: "ca_bundle",
    });
  });
});

describe("proxyForUrl", () => {
  const settings = networkSettings(
    { HTTPS_PROXY: "proxy.corp:3128", HTTP_PROXY: "//plain.corp:80", NO_PROXY: ".internal" },
    undefined,
  );

  it("picks the proxy by the endpoint's scheme and adds http:// as botocore does", () => {
    expect(proxyForUrl(settings, new URL("https://sts.amazonaws.com/"))).toEqual({
      value: "http://proxy.corp:3128",
      from: "HTTPS_PROXY",
    });
    expect(proxyForUrl(settings, new URL("http://localstack:4566/"))).toEqual({
      value: "http://plain.corp:80",
      from: "HTTP_PROXY",
    });
    expect(proxyForUrl(settings, new URL("https://sts.internal/"))).toBeUndefined();
  });

  it("redacts a proxy's user name and password for --debug", () => {
    expect(redactProxyUrl("http://user:p%40ss@proxy.corp:3128")).toBe(
      "http://****:****@proxy.corp:3128/",
    );
    expect(redactProxyUrl("http://proxy.corp:3128")).toBe("http://proxy.corp:3128");
  });
});

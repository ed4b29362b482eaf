import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveEndpointUrl } from "../../src/config/resolve-endpoint-url.js";
import type { ProfileSet, Properties } from "../../src/profile-files/types.js";
import { vectorsRoot } from "./vectors-root.js";

interface Suite {
  profiles: Record<string, Record<string, string>>;
  services: Record<string, Record<string, Record<string, string>>>;
  client_configs: Record<
    string,
    { endpoint_url?: string; ignore_configured_endpoint_urls?: boolean }
  >;
  environments: Record<string, Record<string, string>>;
  endpointUrlTests: {
    name: string;
    profile: string;
    client_config: string;
    environment: string;
    service: string;
    output: { endpointUrl: string };
  }[];
}

const { testSuites } = JSON.parse(
  readFileSync(join(vectorsRoot, "configured-endpoint-urls/botocore/profile-tests.json"), "utf8"),
) as {
  testSuites: Suite[];
};

/** The service IDs behind the suite's client names. */
const serviceIds: Record<string, string> = { s3: "S3", dynamodb: "DynamoDB" };

describe("conformance: configured-endpoint-urls", () => {
  for (const suite of testSuites) {
    const profileSet: ProfileSet = {
      profiles: suite.profiles as Record<string, Properties>,
      configFileProfiles: suite.profiles as Record<string, Properties>,
      credentialsFileProfiles: {},
      ssoSessions: {},
      services: suite.services as Record<string, Properties>,
    };
    it.each(suite.endpointUrlTests.map((t) => [t.name, t] as const))("%s", (_name, testCase) => {
      const profile = suite.profiles[testCase.profile];
      const client = suite.client_configs[testCase.client_config] ?? {};
      const configured = resolveEndpointUrl({
        service: serviceIds[testCase.service] ?? testCase.service,
        env: suite.environments[testCase.environment] ?? {},
        profile,
        profileSet,
        ...(client.endpoint_url === undefined ? {} : { clientEndpointUrl: client.endpoint_url }),
        ...(client.ignore_configured_endpoint_urls === undefined
          ? {}
          : { clientIgnoresConfiguredEndpoints: client.ignore_configured_endpoint_urls }),
      });
      // undefined means "the SDK's default endpoint", which the suite spells out for its fake region.
      expect(
        configured ?? `https://${testCase.service}.${profile?.["region"] ?? ""}.amazonaws.com`,
      ).toBe(testCase.output.endpointUrl);
    });
  }

  it("names the variable after the service ID: uppercased, spaces to underscores", () => {
    const profileSet: ProfileSet = {
      profiles: {},
      configFileProfiles: {},
      credentialsFileProfiles: {},
      ssoSessions: {},
      services: {},
    };
    const env = {
      AWS_ENDPOINT_URL_SSO_OIDC: "http://127.0.0.1:1/oidc",
      AWS_ENDPOINT_URL_SSO: "http://127.0.0.1:1/sso",
    };
    expect(resolveEndpointUrl({ service: "SSO OIDC", env, profile: undefined, profileSet })).toBe(
      "http://127.0.0.1:1/oidc",
    );
    expect(resolveEndpointUrl({ service: "SSO", env, profile: undefined, profileSet })).toBe(
      "http://127.0.0.1:1/sso",
    );
  });
});

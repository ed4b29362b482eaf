import { describe, expect, it } from "vitest";
import {
  resolveCredoHome,
  resolveProfileFileLocations,
} from "../../src/profile-files/locations.js";
import { readVectorsJson } from "../conformance/vectors-root.js";

interface LocationCase {
  name: string;
  environment: Record<string, string>;
  languageSpecificHome?: string;
  platform: "linux" | "windows";
  configLocation: string;
  credentialsLocation: string;
}

const copies = [
  "file-location/smithy-python/config-file-location-tests.json",
  "file-location/smithy-rs/file-location-tests.json",
  "file-location/aws-sdk-ruby-pr3064/config-file-location-tests.json",
];

for (const file of copies) {
  describe(`file-location conformance (${file.split("/")[1] ?? file})`, () => {
    const { tests } = readVectorsJson(file) as { tests: LocationCase[] };
    it.each(tests.map((test, index) => [index, test.name, test] as const))(
      "#%i %s",
      (_index, _name, test) => {
        // "ignored" means: set, but a correct resolver never gets that far. The
        // smithy-rs copy has no languageSpecificHome; it must not be used there either.
        const homedir = test.languageSpecificHome ?? "ignored";
        const locations = resolveProfileFileLocations({
          env: test.environment,
          platform: test.platform,
          homedir,
        });
        expect(locations).toEqual({
          configFile: test.configLocation,
          credentialsFile: test.credentialsLocation,
        });
      },
    );
  });
}

describe("locations beyond the suite", () => {
  it("expands ~ in AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE with the resolved home", () => {
    const env = {
      HOME: "/home/ann",
      AWS_CONFIG_FILE: "~/cfg/aws",
      AWS_SHARED_CREDENTIALS_FILE: "~",
    };
    expect(resolveProfileFileLocations({ env, platform: "linux", homedir: "/unused" })).toEqual({
      configFile: "/home/ann/cfg/aws",
      credentialsFile: "/home/ann",
    });
  });

  it("expands ~\\ on Windows and leaves ~user alone", () => {
    const env = {
      USERPROFILE: "C:\\Users\\ann",
      AWS_CONFIG_FILE: "~\\aws\\config",
      AWS_SHARED_CREDENTIALS_FILE: "~bob/creds",
    };
    expect(resolveProfileFileLocations({ env, platform: "windows", homedir: "ignored" })).toEqual({
      configFile: "C:\\Users\\ann\\aws\\config",
      credentialsFile: "~bob/creds",
    });
  });

  it("treats an empty variable as unset", () => {
    const env = { HOME: "", AWS_CONFIG_FILE: "" };
    expect(
      resolveProfileFileLocations({ env, platform: "linux", homedir: "/root" }).configFile,
    ).toBe("/root/.aws/config");
  });

  it("puts credo's home in CREDO_HOME, else ~/.credo", () => {
    expect(resolveCredoHome({ env: { HOME: "/home/ann" }, homedir: "/unused" })).toBe(
      "/home/ann/.credo",
    );
    expect(
      resolveCredoHome({ env: { HOME: "/home/ann", CREDO_HOME: "~/state" }, homedir: "/unused" }),
    ).toBe("/home/ann/state");
    expect(resolveCredoHome({ env: { CREDO_HOME: "/srv/credo" }, homedir: "/unused" })).toBe(
      "/srv/credo",
    );
    expect(
      resolveCredoHome({
        env: { USERPROFILE: "C:\\Users\\ann" },
        homedir: "x",
        platform: "windows",
      }),
    ).toBe("C:\\Users\\ann\\.credo");
  });
});

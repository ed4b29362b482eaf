import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lacks } from "../support/external-tool.js";
import { ProfileDocument } from "../../src/profile-files/document.js";
import { profileSetOf } from "../../src/profile-files/profile-set.js";
import type { FileKind } from "../../src/profile-files/section-header.js";

/**
 * Differential test against botocore, the parser behind the AWS CLI.
 *
 * botocore parses with Python's configparser, which departs from the SEP (the
 * conformance suite, which credo follows) in a few places; the generator stays
 * out of them, deliberately:
 * - inline comments: configparser keeps `value # note` whole, the SEP cuts it;
 * - a blank line inside a continued value is kept by configparser ("v\n\n-x");
 * - duplicate sections or keys are an error in configparser (strict mode), the SEP merges them;
 * - section names are not trimmed (`[ foo ]` is " foo "), `profile "a b"` is unquoted by shlex,
 *   and `[default]` and `[profile default]` replace each other in file order;
 * - property names with spaces are accepted, the SEP ignores them;
 * - an indented `# comment` is a comment there and a continuation line in the SEP.
 */
const python = `
import json, sys
from botocore.configloader import raw_config_parse, build_profile_map
out = []
for item in json.load(sys.stdin):
    try:
        raw = raw_config_parse(item["path"])
        if item["kind"] == "config":
            m = build_profile_map(raw)
            out.append({"profiles": m["profiles"], "ssoSessions": m["sso_sessions"], "services": m["services"]})
        else:
            out.append({"profiles": raw})
    except Exception as e:
        out.append({"error": type(e).__name__})
print(json.dumps(out))
`;

const nameArb = fc.stringMatching(/^[a-z0-9][a-zA-Z0-9_.@+/%-]{0,8}$/);
const keyArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,10}$/);
// BMP only: the generator would split an astral character into lone surrogates.
const textArb = fc.stringMatching(/^[A-Za-z0-9:/._=@+ éß€-]{0,12}$/);
const nonBlankText = textArb.filter((text) => text.trim() !== "" && !/^[#;]/.test(text.trim()));
// configparser also splits at ':' (the first of '=' and ':' wins); the SEP SDKs refuse or read it otherwise.
const sepArb = fc.constantFrom("=", " = ", "  =\t", " =", " : ", ":");
const gapArb = fc.constantFrom<string[]>([], [], [""], ["# comment"], ["; note", "  "]);

const propertyLines = (key: string): fc.Arbitrary<string[]> =>
  fc.oneof(
    fc
      .tuple(sepArb, textArb, fc.constantFrom("", "  "))
      .map(([sep, value, trailing]) => [`${key}${sep}${value}${trailing}`]),
    fc
      .tuple(
        sepArb,
        nonBlankText,
        fc.array(nonBlankText, { minLength: 1, maxLength: 2 }),
        fc.boolean(),
      )
      .map(([sep, value, more, comment]) => [
        `${key}${sep}${value}`,
        ...(comment ? ["# between"] : []),
        ...more.map((line) => `  ${line}`),
      ]),
    fc
      .uniqueArray(fc.tuple(keyArb, textArb), {
        minLength: 1,
        maxLength: 3,
        selector: ([sub]) => sub,
      })
      .map((subs) => [
        `${key} =`,
        ...subs.flatMap(([sub, value], index) => [
          ...(index === 1 ? [""] : []),
          `  ${sub} = ${value}`,
        ]),
      ]),
  );

const sectionBody = fc
  .uniqueArray(keyArb, { maxLength: 4, selector: (key) => key.toLowerCase() })
  .chain((keys) => fc.tuple(...keys.map((key) => fc.tuple(propertyLines(key), gapArb))))
  .map((entries) => entries.flatMap(([lines, gap]) => [...lines, ...gap]));

function fileArb(kind: FileKind): fc.Arbitrary<string> {
  const header = (name: string): fc.Arbitrary<string> =>
    kind === "credentials"
      ? fc.constantFrom(`[${name}]`, `[${name}] # note`)
      : fc.constantFrom(
          `[profile ${name}]`,
          `[profile\t${name}]`,
          `[profile ${name}] ; note`,
          `[sso-session ${name}]`,
          `[services ${name}]`,
          "[plugins]",
        );
  return fc
    .tuple(
      fc.uniqueArray(
        nameArb.filter((name) => name !== "default"),
        { maxLength: 5 },
      ),
      fc.boolean(),
      // A lone "\r" ends a line too: Python reads files with universal newlines.
      fc.constantFrom("\n", "\r\n", "\r"),
      fc.boolean(),
    )
    .chain(([names, withDefault, eol, finalEol]) =>
      fc
        .tuple(
          ...[...(withDefault ? ["default"] : []), ...names].map((name) =>
            fc.tuple(
              name === "default" ? fc.constant("[default]") : header(name),
              sectionBody,
              gapArb,
            ),
          ),
        )
        .map((sections) => {
          const seen = new Set<string>();
          const lines = sections
            .filter(([headerLine]) => !seen.has(headerLine) && seen.add(headerLine) !== undefined)
            .flatMap(([headerLine, body, gap]) => [...gap, headerLine, ...body]);
          return lines.join(eol) + (finalEol && lines.length > 0 ? eol : "");
        }),
    );
}

interface BotocoreView {
  error?: string;
  profiles?: unknown;
  ssoSessions?: unknown;
  services?: unknown;
}

/**
 * Files the AWS CLI reads that the SEP SDKs refuse or read otherwise (issue
 * 12), several modelled on botocore's own fixtures (tests/unit/cfg): credo
 * reads them as botocore does. The last two are refused by both.
 */
const accepted: { kind: FileKind; text: string; refused?: true }[] = [
  { kind: "config", text: "[profile odd]\n  region = eu-west-1\n  output = json\n    text\n" },
  { kind: "config", text: "[profile odd]\n\ts3 =\n\t  addressing_style = path\n\tregion = x\n" },
  { kind: "credentials", text: "[odd]\n  aws_access_key_id = A\n  aws_secret_access_key = S\n" },
  { kind: "config", text: "[profile odd]\n  # note\n  ; note\nregion = x\n" },
  { kind: "config", text: "  [profile odd]\nregion = x\n[plugins]\n  [profile two]\nregion = y\n" },
  {
    kind: "config",
    text: "[profile odd] written by hand\nregion = x\n[profile two]]\nregion = y\n",
  },
  { kind: "config", text: "[profile \"personal\"]\nregion = x\n[profile 'single']\nregion = y\n" },
  {
    kind: "config",
    text: '[profile "my profile"]\nregion = x\n[sso-session "corp"]\nsso_region = y\n',
  },
  {
    kind: "config",
    text: '[profile "a" "b"]\nregion = x\n[profile "missing end quote]\nregion = y\n',
  },
  { kind: "config", text: "[profile my team]\nregion = x\n[my team]\nregion = y\n" },
  { kind: "config", text: '[services "local"]\ns3 =\n  endpoint_url = http://localhost\n' },
  { kind: "credentials", text: '[my team]\nregion = x\n["quoted"]\nregion = y\n' },
  { kind: "credentials", text: "[team!]\nregion = x\n" },
  { kind: "config", text: "[profile foo]\nkey : value\n" },
  {
    kind: "config",
    text: "[profile a]\nregion: us-east-1\nout:json\nx = b:c\ny: b = c\nHTTP://x = y\nz : \n",
  },
  {
    kind: "config",
    text: "[profile a]\ns3 :\n  addressing_style = path\nregion : us-\n  east-1\n",
  },
  { kind: "config", text: "[profile a]\n  region : x\n[profile b]\nregion = y\n  out : z\n" },
  { kind: "credentials", text: "[odd]\naws_access_key_id : A\naws_secret_access_key:S\n" },
  { kind: "config", text: "[profile cr]\rregion = eu-west-1\routput = json\r" },
  { kind: "config", text: "# note\r[default]\nregion = x\r\n[profile b]\rregion = y" },
  { kind: "config", text: "[default]\rs3 =\r  x = y\rregion = a\r\rb = c\r  more\r" },
  { kind: "credentials", text: "[cr]\raws_access_key_id = A\raws_secret_access_key = S" },
  { kind: "config", text: "[profile odd]\n  -continued\n", refused: true },
  { kind: "config", text: "[default]\ns3 =\n    bad_syntax @ s3v4\n", refused: true },
  { kind: "config", text: "[default]\ns3 =\n  x : y\n", refused: true },
  { kind: "config", text: "[default]\n : value\n", refused: true },
];

describe.skipIf(lacks("botocore"))("profile parsing agrees with botocore", () => {
  let dir: string;
  const cases: { kind: FileKind; text: string; path: string }[] = [];
  let botocore: BotocoreView[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "credo-differential-"));
    for (const kind of ["config", "credentials"] as const) {
      const texts = fc.sample(fileArb(kind), { numRuns: 200, seed: kind === "config" ? 42 : 4242 });
      texts.forEach((text) =>
        cases.push({ kind, text, path: path.join(dir, `${kind}-${cases.length}`) }),
      );
    }
    const broken = [
      "region = x\n[default]\n",
      "[default]\nnot a property\n",
      "[default]\ns3 =\n  no_equals\n",
    ];
    broken.forEach((text) =>
      cases.push({ kind: "config", text, path: path.join(dir, `broken-${cases.length}`) }),
    );
    accepted.forEach(({ kind, text }) =>
      cases.push({ kind, text, path: path.join(dir, `accepted-${cases.length}`) }),
    );
    await Promise.all(cases.map(({ text, path: file }) => writeFile(file, text)));
    const input = JSON.stringify(cases.map(({ kind, path: file }) => ({ kind, path: file })));
    botocore = JSON.parse(
      execFileSync("python3", ["-c", python], {
        input,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      }),
    ) as BotocoreView[];
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads the files the AWS CLI reads and the SEP SDKs do not, as botocore does", () => {
    const results = cases.flatMap(
      ({ kind, text, path: file }, index): { text: string; view: object }[] => {
        if (!file.includes("accepted-")) return [];
        const expected = botocore[index];
        try {
          const document = ProfileDocument.parse(text, kind);
          const ours =
            kind === "config" ? profileSetOf(document) : profileSetOf(undefined, document);
          return [
            {
              text,
              view:
                kind === "config"
                  ? {
                      profiles: ours.configFileProfiles,
                      ssoSessions: ours.ssoSessions,
                      services: ours.services,
                    }
                  : { profiles: ours.credentialsFileProfiles },
            },
          ];
        } catch {
          return [
            {
              text,
              view: { error: expected?.error === undefined ? "credo only" : expected.error },
            },
          ];
        }
      },
    );
    expect(results).toEqual(
      cases
        .filter(({ path: file }) => file.includes("accepted-"))
        .map(({ text }) => ({ text, view: botocore[cases.findIndex((c) => c.text === text)] })),
    );
    expect(results.filter(({ view }) => "error" in view)).toHaveLength(
      accepted.filter(({ refused }) => refused === true).length,
    );
  });

  it("sees the same profiles, sso-sessions, services and keys in a few hundred generated files", () => {
    expect(cases.length).toBeGreaterThan(400);
    cases.forEach(({ kind, text, path: file }, index) => {
      if (file.includes("accepted-")) return;
      const expected = botocore[index];
      if (
        text.includes("not a property") ||
        text.includes("no_equals") ||
        text.startsWith("region")
      ) {
        expect(expected?.error, text).toBeDefined();
        expect(() => ProfileDocument.parse(text, kind), text).toThrow(/Cannot read/);
        return;
      }
      expect(expected?.error, text).toBeUndefined();
      const document = ProfileDocument.parse(text, kind);
      if (kind === "config") {
        const ours = profileSetOf(document);
        expect(
          {
            profiles: ours.configFileProfiles,
            ssoSessions: ours.ssoSessions,
            services: ours.services,
          },
          text,
        ).toEqual(expected);
      } else {
        expect(
          { profiles: profileSetOf(undefined, document).credentialsFileProfiles },
          text,
        ).toEqual(expected);
      }
    });
  });
});

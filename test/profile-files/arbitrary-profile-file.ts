import fc from "fast-check";
import type { FileKind, SectionRef } from "../../src/profile-files/section-header.js";

/** A generated file: its text and, for each header line it holds, the section that header names (if any). */
export interface GeneratedFile {
  text: string;
  headers: ReadonlyMap<string, SectionRef | undefined>;
}

export const sectionNames = ["default", "acme", "dev", "Prod", "x.y-1"] as const;
const keys = [
  "region",
  "Region",
  "output",
  "role_arn",
  "source_profile",
  "s3",
  "credo_note",
] as const;

const value = fc.stringMatching(
  /^[A-Za-z0-9:/._=@+é-]([A-Za-z0-9 :/._=@+é-]{0,10}[A-Za-z0-9:/._=@+é-])?$/,
);
const blank = fc.constantFrom("", "  ", "\t");
const comment = fc.constantFrom("# a comment", ";semi", "#", "# [profile fake]", "; key = value");
const separator = fc.constantFrom("=", " = ", "  =\t", " =  ");
const inlineComment = fc.constantFrom("", "", " # note", "\t; note", "  #");

/** A property line, with plain continuation lines or a sub-property block. */
const property = fc.oneof(
  fc
    .tuple(fc.constantFrom(...keys), separator, value, inlineComment)
    .map(([key, sep, v, tail]) => [`${key}${sep}${v}${tail}`]),
  fc
    .tuple(
      fc.constantFrom(...keys),
      separator,
      value.filter((v) => v !== ""),
      fc.array(
        value.filter((v) => v !== ""),
        { minLength: 1, maxLength: 2 },
      ),
    )
    .map(([key, sep, v, more]) => [`${key}${sep}${v}`, ...more.map((line) => `  ${line}`)]),
  fc
    .tuple(
      fc.constantFrom(...keys),
      fc.array(fc.tuple(fc.constantFrom("max_attempts", "Style", "x"), value), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([key, subs]) => [`${key} =`, ...subs.map(([sub, v]) => `    ${sub} = ${v}`)]),
);

function headerArbitrary(kind: FileKind): fc.Arbitrary<[string, SectionRef | undefined]> {
  const name = fc.constantFrom(...sectionNames);
  if (kind === "credentials") {
    return fc.oneof(
      name.map((n): [string, SectionRef] => [`[${n}]`, { kind: "profile", name: n }]),
      name.map((n): [string, SectionRef] => [`[ ${n} ]  # spaced`, { kind: "profile", name: n }]),
      name.map((n): [string, undefined] => [`[profile ${n}]`, undefined]),
    );
  }
  return fc.oneof(
    name.map((n): [string, SectionRef] => [
      n === "default" ? "[default]" : `[profile ${n}]`,
      { kind: "profile", name: n },
    ]),
    name.map((n): [string, SectionRef] => [`[profile\t${n} ];c`, { kind: "profile", name: n }]),
    name.map((n): [string, SectionRef] => [`[sso-session ${n}]`, { kind: "sso-session", name: n }]),
    name.map((n): [string, SectionRef] => [`[services ${n}]`, { kind: "services", name: n }]),
    fc.constantFrom<[string, undefined]>(
      ["[AcmeAccount]", undefined],
      ["[profile bad name]", undefined],
      ["[plugins]", undefined],
    ),
  );
}

/** Random but readable documents: comments, blank lines, duplicates, CRLF, maybe no final line ending. */
export function profileFileArbitrary(kind: FileKind): fc.Arbitrary<GeneratedFile> {
  const item = fc.oneof(
    { weight: 4, arbitrary: property },
    { weight: 1, arbitrary: blank.map((b) => [b]) },
    {
      weight: 1,
      arbitrary: comment.map((c) => [c]),
    },
  );
  const section = fc.tuple(headerArbitrary(kind), fc.array(item, { maxLength: 5 }));
  const preamble = fc.array(fc.oneof(blank, comment), { maxLength: 2 });
  return fc
    .tuple(
      preamble,
      fc.array(section, { maxLength: 6 }),
      fc.constantFrom("\n", "\r\n"),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([pre, sections, eol, mixedEol, finalEol]) => {
      const headers = new Map<string, SectionRef | undefined>();
      const lines: string[] = [...pre];
      for (const [[header, ref], items] of sections) {
        headers.set(header, ref);
        lines.push(header, ...items.flat());
      }
      const text = lines
        .map(
          (line, index) =>
            line +
            (index === lines.length - 1 && !finalEol
              ? ""
              : mixedEol && index % 3 === 1
                ? "\n"
                : eol),
        )
        .join("");
      return { text, headers };
    });
}

export const writableValue = value;
export const writableKey = fc.constantFrom(...keys, "credo_expires", "aws_session_token");
export const sectionRefArbitrary = (kind: FileKind): fc.Arbitrary<SectionRef> =>
  kind === "credentials"
    ? fc.constantFrom(...sectionNames).map((name) => ({ kind: "profile", name }))
    : fc.record({
        kind: fc.constantFrom("profile", "sso-session", "services"),
        name: fc.constantFrom(...sectionNames),
      });

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProfileDocument } from "../../src/profile-files/document.js";
import { profileSetOf } from "../../src/profile-files/profile-set.js";
import type { FileKind, SectionRef } from "../../src/profile-files/section-header.js";
import type { Properties, ProfileSet } from "../../src/profile-files/types.js";
import {
  profileFileArbitrary,
  sectionRefArbitrary,
  writableKey,
  writableValue,
} from "./arbitrary-profile-file.js";

const kinds: readonly FileKind[] = ["config", "credentials"];
const runs = { numRuns: 300 };

function view(doc: ProfileDocument, kind: FileKind): ProfileSet {
  return kind === "config" ? profileSetOf(doc) : profileSetOf(undefined, doc);
}

function sectionOf(set: ProfileSet, kind: FileKind, ref: SectionRef): Properties | undefined {
  const group =
    ref.kind === "sso-session"
      ? set.ssoSessions
      : ref.kind === "services"
        ? set.services
        : kind === "config"
          ? set.configFileProfiles
          : set.credentialsFileProfiles;
  return group[ref.name];
}

function allRefs(kind: FileKind): SectionRef[] {
  const names = ["default", "acme", "dev", "Prod", "x.y-1", "new-one"];
  const sectionKinds =
    kind === "config" ? (["profile", "sso-session", "services"] as const) : (["profile"] as const);
  return sectionKinds.flatMap((k) => names.map((name) => ({ kind: k, name })));
}

/** The text from each header line to the next, keyed by header text and occurrence. */
function blocks(text: string): Map<string, string> {
  const result = new Map<string, string>();
  const parts = text.split(/(?<=\n)(?=\[)/);
  const seen = new Map<string, number>();
  for (const part of parts.slice(text.startsWith("[") ? 0 : 1)) {
    const header = part.split(/\r?\n/)[0] ?? "";
    const count = seen.get(header) ?? 0;
    seen.set(header, count + 1);
    result.set(`${header}#${count}`, part);
  }
  return result;
}

type Edit =
  | { op: "set"; ref: SectionRef; key: string; value: string }
  | { op: "remove"; ref: SectionRef; key: string }
  | { op: "removeSection"; ref: SectionRef };

function editArbitrary(kind: FileKind): fc.Arbitrary<Edit> {
  const ref = sectionRefArbitrary(kind);
  return fc.oneof(
    fc.record({ op: fc.constant("set" as const), ref, key: writableKey, value: writableValue }),
    fc.record({ op: fc.constant("remove" as const), ref, key: writableKey }),
    fc.record({ op: fc.constant("removeSection" as const), ref }),
  );
}

for (const kind of kinds) {
  describe(`ProfileDocument properties (${kind} file)`, () => {
    const file = profileFileArbitrary(kind);

    it("toString(parse(text)) is the text, byte for byte", () => {
      fc.assert(
        fc.property(file, ({ text }) => ProfileDocument.parse(text, kind).toString() === text),
        runs,
      );
    });

    it("removing an added section gives back the original bytes", () => {
      fc.assert(
        fc.property(file, fc.boolean(), writableValue, ({ text }, withComment, value) => {
          const doc = ProfileDocument.parse(text, kind);
          const ref = { kind: "profile", name: "new-one" } as const;
          doc.addSection(
            ref,
            { region: "us-east-1", credo_note: value },
            withComment ? { comments: ["managed by credo"] } : {},
          );
          expect(sectionOf(view(doc, kind), kind, ref)).toEqual({
            region: "us-east-1",
            credo_note: value,
          });
          doc.removeSection(ref);
          expect(doc.toString()).toBe(text);
        }),
        runs,
      );
    });

    it("setProperty shows the new value and leaves every other section's bytes and view alone", () => {
      fc.assert(
        fc.property(
          file,
          sectionRefArbitrary(kind),
          writableKey,
          writableValue,
          (generated, ref, key, value) => {
            const doc = ProfileDocument.parse(generated.text, kind);
            fc.pre(doc.hasSection(ref));
            const before = view(doc, kind);
            doc.setProperty(ref, key, value);
            const after = view(ProfileDocument.parse(doc.toString(), kind), kind);
            expect(sectionOf(after, kind, ref)?.[key.toLowerCase()]).toBe(value);
            for (const other of allRefs(kind).filter(
              (r) => r.kind !== ref.kind || r.name !== ref.name,
            )) {
              expect(sectionOf(after, kind, other)).toEqual(sectionOf(before, kind, other));
            }
            const oldBlocks = blocks(generated.text);
            const newBlocks = blocks(doc.toString());
            expect([...newBlocks.keys()]).toEqual([...oldBlocks.keys()]);
            for (const [id, block] of oldBlocks) {
              const headerRef = generated.headers.get(id.slice(0, id.lastIndexOf("#")));
              if (headerRef?.kind === ref.kind && headerRef.name === ref.name) continue;
              expect(newBlocks.get(id)).toBe(block);
            }
          },
        ),
        runs,
      );
    });

    it("setting a key to another value and back gives back the original bytes", () => {
      fc.assert(
        fc.property(file, writableValue, ({ text }, value) => {
          const set = view(ProfileDocument.parse(text, kind), kind);
          for (const ref of allRefs(kind)) {
            for (const [key, old] of Object.entries(sectionOf(set, kind, ref) ?? {})) {
              if (typeof old !== "string" || old === "" || old.includes("\n")) continue;
              const doc = ProfileDocument.parse(text, kind);
              doc.setProperty(ref, key, value);
              doc.setProperty(ref, key, old);
              expect(doc.toString()).toBe(text);
            }
          }
        }),
        runs,
      );
    });

    it("after any sequence of edits the file parses and shows exactly what was edited", () => {
      fc.assert(
        fc.property(file, fc.array(editArbitrary(kind), { maxLength: 8 }), ({ text }, edits) => {
          const doc = ProfileDocument.parse(text, kind);
          const original = view(doc, kind);
          const touched = new Set<string>();
          for (const edit of edits) {
            touched.add(`${edit.ref.kind} ${edit.ref.name}`);
            if (edit.op === "set") doc.setProperty(edit.ref, edit.key, edit.value);
            if (edit.op === "remove") doc.removeProperty(edit.ref, edit.key);
            if (edit.op === "removeSection") doc.removeSection(edit.ref);
            const reparsed = view(ProfileDocument.parse(doc.toString(), kind), kind);
            expect(reparsed).toEqual(view(doc, kind));
            const section = sectionOf(reparsed, kind, edit.ref);
            if (edit.op === "set") expect(section?.[edit.key.toLowerCase()]).toBe(edit.value);
            if (edit.op === "remove") expect(section?.[edit.key.toLowerCase()]).toBeUndefined();
            if (edit.op === "removeSection") expect(section).toBeUndefined();
          }
          const final = view(doc, kind);
          for (const ref of allRefs(kind).filter((r) => !touched.has(`${r.kind} ${r.name}`))) {
            expect(sectionOf(final, kind, ref)).toEqual(sectionOf(original, kind, ref));
          }
        }),
        runs,
      );
    });
  });
}

import { describe, expect, it } from "vitest";
import { ProfileDocument } from "../../src/profile-files/document.js";
import { profileSetOf } from "../../src/profile-files/profile-set.js";

const config = (text: string): ProfileDocument => ProfileDocument.parse(text, "config");
const acme = { kind: "profile", name: "acme" } as const;

describe("ProfileDocument edits", () => {
  it("keeps every byte of what it parsed, unknown sections and CRLF included", () => {
    const text =
      "# top\r\n[AcmeAccount]\r\nid = 1\r\n\r\n[profile acme] ; hub\r\nregion=us-east-1\r\n  \t\r\n[default]";
    expect(config(text).toString()).toBe(text);
  });

  it("reads and updates `key : value` lines as botocore does, keeping their bytes; new lines use '='", () => {
    const text =
      "[profile acme]\nregion : us-east-1 ; note\nout:json\nrole_arn = arn:aws:iam::1:role/R\n";
    const doc = config(text);
    expect(doc.toString()).toBe(text);
    expect(profileSetOf(doc).profiles["acme"]).toEqual({
      region: "us-east-1",
      out: "json",
      role_arn: "arn:aws:iam::1:role/R",
    });
    doc.setProperty(acme, "region", "eu-west-1");
    doc.setProperty(acme, "out", "text");
    doc.setProperty(acme, "role_arn", "arn:aws:iam::2:role/S");
    expect(doc.toString()).toBe(
      "[profile acme]\nregion : eu-west-1 ; note\nout:text\nrole_arn = arn:aws:iam::2:role/S\n",
    );
    const colonsOnly = config("[profile acme]\nregion: x\n");
    colonsOnly.setProperty(acme, "output", "json");
    expect(colonsOnly.toString()).toBe("[profile acme]\nregion: x\noutput = json\n");
  });

  it("keeps lone-CR line endings, reads the properties after them and writes new lines with CR", () => {
    const text = "# mine\r[profile acme]\rregion = us-east-1\r";
    const doc = config(text);
    expect(doc.toString()).toBe(text);
    expect(profileSetOf(doc).profiles["acme"]).toEqual({ region: "us-east-1" });
    doc.setProperty(acme, "region", "eu-west-1");
    doc.setProperty(acme, "output", "json");
    doc.addSection({ kind: "profile", name: "b" }, { region: "x" });
    expect(doc.toString()).toBe(
      "# mine\r[profile acme]\rregion = eu-west-1\routput = json\r\r[profile b]\rregion = x\r",
    );
    expect(doc.sectionText(acme)).toBe(
      "# mine\r[profile acme]\rregion = eu-west-1\routput = json\r",
    );
    doc.removeSection({ kind: "profile", name: "b" });
    doc.removeProperty(acme, "output");
    doc.setProperty(acme, "region", "us-east-1");
    expect(doc.toString()).toBe(text);
  });

  it("edits the sections only botocore names and keeps the bytes of their headers and indented lines", () => {
    const text =
      '[profile "personal"] ; old docs\nregion = us-east-1\n[profile odd]\n  region = eu-west-1\n  output = json\n';
    const doc = config(text);
    expect(profileSetOf(doc).profiles).toEqual({
      personal: { region: "us-east-1" },
      odd: { region: "eu-west-1", output: "json" },
    });
    doc.setProperty({ kind: "profile", name: "personal" }, "region", "eu-west-2");
    doc.setProperty({ kind: "profile", name: "odd" }, "output", "text");
    doc.setProperty(acme, "region", "us-west-2");
    expect(doc.toString()).toBe(
      '[profile "personal"] ; old docs\nregion = eu-west-2\n[profile odd]\n  region = eu-west-1\n  output = text\n\n[profile acme]\nregion = us-west-2\n',
    );
    doc.removeSection(acme);
    doc.setProperty({ kind: "profile", name: "personal" }, "region", "us-east-1");
    doc.setProperty({ kind: "profile", name: "odd" }, "output", "json");
    expect(doc.toString()).toBe(text);
    const credentials = ProfileDocument.parse("[my team]\naws_access_key_id = A\n", "credentials");
    credentials.setProperty({ kind: "profile", name: "dev" }, "aws_access_key_id", "B");
    expect(credentials.toString()).toBe(
      "[my team]\naws_access_key_id = A\n\n[dev]\naws_access_key_id = B\n",
    );
    expect(profileSetOf(undefined, credentials).profiles["my team"]).toEqual({
      aws_access_key_id: "A",
    });
  });

  it("replaces a value in place, keeping spacing and the trailing comment", () => {
    const doc = config("[profile acme]\nregion=us-east-1   # home\noutput = json\n");
    doc.setProperty(acme, "REGION", "eu-west-1");
    expect(doc.toString()).toBe("[profile acme]\nregion=eu-west-1   # home\noutput = json\n");
  });

  it("appends a new key after the section's last property, before the next section's comments", () => {
    const doc = config("[profile acme]\nregion = x\n\n# the next one\n[profile b]\n");
    doc.setProperty(acme, "mfa_serial", "arn:aws:iam::1:mfa/ann");
    expect(doc.toString()).toBe(
      "[profile acme]\nregion = x\nmfa_serial = arn:aws:iam::1:mfa/ann\n\n# the next one\n[profile b]\n",
    );
  });

  it("writes new keys in the section's own style and line endings", () => {
    const doc = config("[profile acme]\r\nregion=x\r\n");
    doc.setProperty(acme, "output", "json");
    expect(doc.toString()).toBe("[profile acme]\r\nregion=x\r\noutput=json\r\n");
  });

  it("replaces a sub-property block with a plain value", () => {
    const doc = config(
      "[profile acme]\ns3 =\n  max_concurrent_requests = 10\n\n  addressing_style = path\nregion = x\n",
    );
    doc.setProperty(acme, "s3", "none");
    expect(doc.toString()).toBe("[profile acme]\ns3 = none\nregion = x\n");
  });

  it("changes the last definition when sections and keys are duplicated", () => {
    const doc = config("[profile acme]\nregion = a\n[profile acme]\nregion = b\n");
    doc.setProperty(acme, "region", "c");
    expect(doc.toString()).toBe("[profile acme]\nregion = a\n[profile acme]\nregion = c\n");
  });

  it("edits [profile default], which overrides [default], in the config file", () => {
    const doc = config("[default]\nregion = a\n[profile default]\noutput = json\n");
    doc.setProperty({ kind: "profile", name: "default" }, "region", "b");
    expect(doc.toString()).toBe(
      "[default]\nregion = a\n[profile default]\noutput = json\nregion = b\n",
    );
    expect(profileSetOf(doc).profiles["default"]).toEqual({ output: "json", region: "b" });
  });

  it("creates a missing section with the header of the file kind", () => {
    const credentials = ProfileDocument.parse("", "credentials");
    credentials.setProperty(acme, "aws_access_key_id", "AKIAEXAMPLE");
    expect(credentials.toString()).toBe("[acme]\naws_access_key_id = AKIAEXAMPLE\n");
    const doc = config("[default]\nregion = a\n");
    doc.setProperty({ kind: "sso-session", name: "corp" }, "sso_region", "eu-west-1");
    expect(doc.toString()).toBe(
      "[default]\nregion = a\n\n[sso-session corp]\nsso_region = eu-west-1\n",
    );
  });

  it("removes every definition of a key with its continuation lines", () => {
    const doc = config("[profile acme]\nnote = a\n  b\nregion = x\n[profile acme]\nNOTE = c\n");
    expect(doc.removeProperty(acme, "note")).toBe(true);
    expect(doc.toString()).toBe("[profile acme]\nregion = x\n[profile acme]\n");
    expect(doc.removeProperty(acme, "note")).toBe(false);
  });

  it("adds a section with a marker comment, reads the comment back, and removal gives back the bytes", () => {
    for (const original of [
      "",
      "[default]\nregion = a\n",
      "[default]\nregion = a",
      "# only a comment\r\n",
    ]) {
      const doc = config(original);
      doc.addSection(
        acme,
        { region: "us-east-1", credential_process: "credo process acme" },
        {
          comments: ["managed by credo; expires 2026-01-01T00:00:00Z"],
        },
      );
      expect(doc.sectionComments(acme)).toEqual(["managed by credo; expires 2026-01-01T00:00:00Z"]);
      expect(profileSetOf(doc).profiles["acme"]).toEqual({
        region: "us-east-1",
        credential_process: "credo process acme",
      });
      expect(doc.removeSection(acme)).toBe(true);
      expect(doc.toString()).toBe(original);
    }
  });

  it("writes the added section after one blank line", () => {
    const doc = config("[default]\nregion = a");
    doc.addSection(acme, { region: "b" }, { comments: ["managed by credo"] });
    expect(doc.toString()).toBe(
      "[default]\nregion = a\n\n# managed by credo\n[profile acme]\nregion = b",
    );
  });

  it("removes both default forms, their attached comments and one separating blank line", () => {
    const doc = config(
      "[profile a]\nx = 1\n\n# old\n[default]\ny = 2\n\n[profile default]\nz = 3\n\n[profile c]\n",
    );
    expect(doc.removeSection({ kind: "profile", name: "default" })).toBe(true);
    expect(doc.toString()).toBe("[profile a]\nx = 1\n\n[profile c]\n");
  });

  it("removes the blank line before a first section too", () => {
    const doc = config("\n[profile acme]\nregion = a\n");
    doc.removeSection(acme);
    expect(doc.toString()).toBe("");
  });

  it("gives a section's text: every occurrence with its attached comments, nothing else", () => {
    const doc = ProfileDocument.parse(
      "[a]\nx = 1\n\n# theirs\n[keep]\nregion = y\n\n[b]\ny = 2\n# more\n[keep]\nz = 3",
      "credentials",
    );
    const keep = { kind: "profile", name: "keep" } as const;
    expect(doc.sectionText(keep)).toBe("# theirs\n[keep]\nregion = y\n# more\n[keep]\nz = 3\n");
    expect(doc.sectionText({ kind: "profile", name: "none" })).toBe("");
  });

  it("replaces the comments above a section", () => {
    const doc = config("[default]\n\n# managed by credo; expires 1\n[profile acme]\nregion = a\n");
    doc.setSectionComments(acme, ["managed by credo; expires 2"]);
    expect(doc.toString()).toBe(
      "[default]\n\n# managed by credo; expires 2\n[profile acme]\nregion = a\n",
    );
    doc.setSectionComments(acme, []);
    expect(doc.sectionComments(acme)).toEqual([]);
  });

  it("refuses what it cannot write faithfully, without echoing the value", () => {
    const doc = config("[profile acme]\n");
    const before = doc.toString();
    expect(() => doc.setProperty(acme, "aws_secret_access_key", "abc\ndef")).toThrow(
      /aws_secret_access_key.*line break/,
    );
    expect(() => doc.setProperty(acme, "aws_secret_access_key", "abc\ndef")).not.toThrow(/abc/);
    expect(() => doc.setProperty(acme, "note", "a # b")).toThrow(/comment/);
    expect(() => doc.setProperty(acme, "note", " padded")).toThrow(/whitespace/);
    expect(() => doc.setProperty(acme, "bad key", "x")).toThrow(/property name/);
    expect(() => doc.setProperty({ kind: "profile", name: "a]b" }, "region", "x")).toThrow(
      /profile name/,
    );
    expect(() => doc.addSection(acme, {})).toThrow(/already exists/);
    expect(() =>
      ProfileDocument.parse("", "credentials").addSection({ kind: "sso-session", name: "s" }, {}),
    ).toThrow(/credentials file/);
    expect(doc.toString()).toBe(before);
  });
});

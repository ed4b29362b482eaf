import { describe, expect, it } from "vitest";
import { sectionsNaming } from "../../src/fast-path/sections-naming.js";

describe("sectionsNaming", () => {
  const config = [
    "# preamble comment",
    "[default]",
    "region = us-east-1",
    "[profile dev]",
    "role_arn = arn:aws:iam::1:role/dev",
    "  ; indented lines stay with their section",
    "[profile prod]",
    "region = eu-west-1",
    "[sso-session corp]",
    "sso_region = eu-west-1",
    "",
  ].join("\n");

  it("keeps the preamble and only the sections whose header mentions a name", () => {
    expect(sectionsNaming(config, ["dev"])).toBe(
      [
        "# preamble comment",
        "[profile dev]",
        "role_arn = arn:aws:iam::1:role/dev",
        "  ; indented lines stay with their section",
        "",
      ].join("\n"),
    );
  });

  it("lets substring matches through (the parser sorts them out) and keeps file order", () => {
    expect(sectionsNaming(config, ["prod", "de"])).toBe(
      [
        "# preamble comment",
        "[default]",
        "region = us-east-1",
        "[profile dev]",
        "role_arn = arn:aws:iam::1:role/dev",
        "  ; indented lines stay with their section",
        "[profile prod]",
        "region = eu-west-1",
        "",
      ].join("\n"),
    );
  });

  it("handles CRLF files, a first line that is a section and a last line without a newline", () => {
    const text = "[profile a]\r\nx = 1\r\n[profile b]\r\ny = 2";
    expect(sectionsNaming(text, ["b"])).toBe("[profile b]\r\ny = 2");
    expect(sectionsNaming(text, ["a"])).toBe("[profile a]\r\nx = 1\r\n");
  });

  it("ends lines at a lone CR as the parser does (botocore reads such files)", () => {
    expect(sectionsNaming("[profile a]\rx = 1\r[profile b]\ry = 2", ["b"])).toBe(
      "[profile b]\ry = 2",
    );
    const mixed = "[profile x]\nk = 1\r[profile dev]\rregion = y\n[profile z]\n";
    expect(sectionsNaming(mixed, ["dev"])).toBe("[profile dev]\rregion = y\n");
    expect(sectionsNaming("[profile a]\r  [profile b]\rz = 1\r", ["b"])).toBe(
      "[profile a]\r  [profile b]\rz = 1\r",
    );
  });

  it("reads a file whole when an indented section line follows a section line, as botocore reads it", () => {
    const text = "[profile a]\nx = 1\n[plugins]\n  [profile b]\nz = 1\n[profile c]\n";
    expect(sectionsNaming(text, ["b"])).toBe(text);
    expect(sectionsNaming("  [profile b]\nz = 1\n", ["b"])).toBe("  [profile b]\nz = 1\n");
  });

  it("does not treat an indented bracket as a section", () => {
    const text = "[profile a]\ns3 =\n  [profile b] = x\n[profile c]\nz = 1\n";
    expect(sectionsNaming(text, ["b"])).toBe("");
  });
});

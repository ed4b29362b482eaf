import { describe, expect, it } from "vitest";
import { sectionsNaming, sectionsOf } from "../../src/fast-path/sections-naming.js";

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

  it("counts a name only on a header line: not in the preamble, a section's body or across a line end", () => {
    const text =
      "# dev\n[profile a]\nsource_profile = dev\n[profile de\nv]\n[profile dev]\nx = 1\n";
    expect(sectionsNaming(text, ["dev"])).toBe("# dev\n[profile dev]\nx = 1\n");
    expect(sectionsNaming(text, [""])).toBe(text);
  });

  it("finds the one header among a name's occurrences in every body (the sso_session of 1,200 profiles)", () => {
    let text = "";
    for (let i = 0; i < 1_200; i += 1)
      text += `[profile account-${i}]\nsso_session = corp\nsso_role_name = corp-admin\n\n`;
    text += "[sso-session corp]\nsso_region = eu-west-1\n";
    expect(sectionsOf(text)(["corp"])).toBe("[sso-session corp]\nsso_region = eu-west-1\n");
    expect(sectionsOf(text)(["account-7", "corp"])).toBe(
      "[profile account-7]\nsso_session = corp\nsso_role_name = corp-admin\n\n" +
        "[profile account-70]\nsso_session = corp\nsso_role_name = corp-admin\n\n" +
        "[profile account-71]\nsso_session = corp\nsso_role_name = corp-admin\n\n" +
        text.slice(text.indexOf("[profile account-72]"), text.indexOf("[profile account-80]")) +
        text.slice(text.indexOf("[profile account-700]"), text.indexOf("[profile account-800]")) +
        "[sso-session corp]\nsso_region = eu-west-1\n",
    );
  });

  it("chooses what testing every header line for every name chooses (random files)", () => {
    // The plain reading, as a reference: split at section lines, test each header.
    const reference = (text: string, names: string[]) => {
      const starts = [...text.matchAll(/(?:^|(?<=[\n\r]))\[/g)].map((match) => match.index);
      const pieces = [text.slice(0, starts[0] ?? text.length)];
      starts.forEach((start, index) => {
        const end = starts[index + 1] ?? text.length;
        const header = text.slice(start, end).split(/[\n\r]/)[0] ?? "";
        if (names.some((name) => header.includes(name))) pieces.push(text.slice(start, end));
      });
      return pieces.join("");
    };
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const words = ["dev", "de", "v", "acme", "ac", "prod", "profile ", "sso-session ", "="];
    for (let round = 0; round < 600; round += 1) {
      // Half the files end every line at "\n" alone, which has a search of its own.
      const breaks = round % 2 === 0 ? ["\n"] : ["\n", "\r\n", "\r"];
      let text = random(2) === 0 ? "" : "# acme dev\n";
      for (let line = 0; line < 12; line += 1) {
        const word = () => words[random(words.length)] ?? "";
        text += random(3) === 0 ? `[${word()}${word()}]` : `${word()} = ${word()}`;
        text += breaks[random(breaks.length)] ?? "\n";
      }
      const names = [words[random(words.length)] ?? "", words[random(words.length)] ?? ""];
      expect(sectionsOf(text)(names), JSON.stringify({ text, names })).toBe(reference(text, names));
    }
  });
});

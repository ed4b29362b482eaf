import { describe, expect, it } from "vitest";
import { shellInitScript } from "../../src/shell/shell-init-script.js";
import { clearCode, useCode } from "../../src/shell/use-code.js";
import { useVariables } from "../../src/shell/use-variables.js";

/**
 * PowerShell is not installed on the test machines: its start-up script and
 * the code `credo use --shell powershell` prints are checked as text only.
 */
describe("PowerShell", () => {
  it("shell-init defines credo, hands `use` to the binary with --shell powershell, and checks expiry in the prompt", () => {
    const script = shellInitScript("powershell");
    expect(script).toContain("function global:credo {");
    expect(script).toContain("& $global:__credo_exe use --shell powershell @args");
    expect(script).toContain("[DateTimeOffset]::UtcNow.ToUnixTimeSeconds()");
    expect(script).toMatch(/function global:prompt \{\n\s+__credo_refresh\n\s+__credo_tick\n/);
    expect(script).toContain("$now) -ge 300 -or");
    for (const name of useVariables) expect(script).toContain(`'${name}'`);
  });

  it("use sets the variables in single quotes, with a quote inside doubled", () => {
    const code = useCode(
      "powershell",
      { AWS_PROFILE: "it's" },
      {
        profile: "dev",
        variables: [
          ["AWS_ACCESS_KEY_ID", "ASIAEXAMPLE"],
          ["AWS_REGION", "eu-central-1"],
        ],
        expiration: new Date(1_800_000_000_000),
      },
    );
    const lines = code.trimEnd().split("\n");
    expect(lines[0]).toContain(
      "$global:__credo_restore = '$Env:AWS_PROFILE = ''it''''s''; Remove-Item -ErrorAction SilentlyContinue Env:AWS_DEFAULT_PROFILE;",
    );
    expect(lines[1]).toBe("Invoke-Expression $global:__credo_restore");
    expect(lines).toContain("Remove-Item -ErrorAction SilentlyContinue Env:AWS_PROFILE");
    expect(lines).toContain("$Env:AWS_ACCESS_KEY_ID = 'ASIAEXAMPLE'");
    expect(lines).toContain("$Env:CREDO_PROFILE = 'dev'");
    expect(lines.at(-1)).toBe("$global:credo_expiry = '1800000000'");
  });

  it("--clear restores, or removes credo's variables in a shell that inherited them", () => {
    expect(clearCode("powershell", {})).toBe(
      "if (Test-Path Variable:global:__credo_restore) { Invoke-Expression $global:__credo_restore } else {  }\n" +
        "Remove-Variable -Scope Global -ErrorAction SilentlyContinue -Name __credo_restore\n" +
        "Remove-Variable -Scope Global -ErrorAction SilentlyContinue -Name credo_expiry\n" +
        "Remove-Variable -Scope Global -ErrorAction SilentlyContinue -Name credo_minutes_left\n",
    );
    expect(clearCode("powershell", { CREDO_PROFILE: "dev" })).toContain(
      "else { Remove-Item -ErrorAction SilentlyContinue Env:AWS_PROFILE; ",
    );
  });
});

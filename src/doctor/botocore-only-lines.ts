import type { DoctorInputs, Finding } from "./finding.js";

/**
 * Lines credo reads as botocore (the AWS CLI) does, where the SDKs that
 * follow the shared profile-file spec (Rust, Java, Go, .NET...) read them
 * otherwise or refuse the whole file: an indented property or section line,
 * text after a section line's `]`, a quoted name, a credentials-file name
 * with spaces, `key : value`, lines that end in a lone carriage return. A
 * tool built on those SDKs then sees other profiles than the AWS CLI and
 * credo do.
 */
export function botocoreOnlyLines({ profileSet, locations }: DoctorInputs): Finding[] {
  return (profileSet.readOnlyByBotocore ?? []).map(({ file, line, sepReading }) => {
    const path = file === "config" ? locations.configFile : locations.credentialsFile;
    return {
      check: "botocore-only-line",
      severity: "warning",
      what: `${path}, line ${line}: the AWS CLI reads this line, other AWS SDKs read it ${sepReading}.`,
      fix: `Rewrite line ${line} the way every SDK reads it: no indentation before a property or section line, nothing but a comment after "]", a profile name without quotes or spaces, "=" between a name and its value, lines that end with a line feed (LF or CRLF).`,
    };
  });
}

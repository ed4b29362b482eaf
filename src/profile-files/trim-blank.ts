/** Trims spaces and tabs only, the SEP's `WHITESPACE` set (smithy-rs `trim_matches(&[' ', '\t'])`). */
export function trimBlank(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, "");
}

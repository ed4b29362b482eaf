/**
 * JSON text exactly as Python's `json.dumps(obj)` writes it with default
 * arguments: `", "` and `": "` separators, no trailing newline, non-ASCII
 * escaped as \uXXXX (ensure_ascii). botocore's JSONFileCache writes the SSO
 * token cache this way, so credo writing the same bytes keeps the files
 * indistinguishable from the AWS CLI's own.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return pythonString(value);
  if (typeof value === "number" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined,
    );
    return `{${entries.map(([k, v]) => `${pythonString(k)}: ${pythonJsonDumps(v)}`).join(", ")}}`;
  }
  throw new TypeError(`cannot serialise a ${typeof value} as JSON`);
}

function pythonString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** The process environment as a read-only map, injected so tests never touch process.env. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A variable that is set to an empty string counts as unset, as in botocore. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

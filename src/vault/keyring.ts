/**
 * The vault's four-method interface, as aws-vault's keyring: every backend
 * (encrypted file, OS keychain) and the typed stores on top (hub-keys.ts)
 * speak only this. Values are opaque strings; the typed stores own their shape.
 */
export interface Keyring {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /** True when the key existed. */
  remove(key: string): Promise<boolean>;
  /** Every key, sorted. */
  keys(): Promise<string[]>;
}

/** An in-memory keyring for tests of code that sits on top of the vault. */
export function memoryKeyring(initial: Readonly<Record<string, string>> = {}): Keyring {
  const entries = new Map(Object.entries(initial));
  return {
    get: async (key) => entries.get(key),
    set: async (key, value) => {
      entries.set(key, value);
    },
    remove: async (key) => entries.delete(key),
    keys: async () => [...entries.keys()].sort(),
  };
}

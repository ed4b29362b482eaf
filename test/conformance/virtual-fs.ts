import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { FileReader } from "../../src/io/file-system.js";
import { memoryFileReader } from "../../src/io/file-system.js";

/** A case's fs/ folder mounted at "/" (fs/home/.aws/config -> /home/.aws/config). */
export function virtualFs(caseDir: string): FileReader {
  const root = join(caseDir, "fs");
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(`/${relative(root, path)}`, readFileSync(path, "utf8"));
    }
  };
  try {
    walk(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return memoryFileReader(files);
}

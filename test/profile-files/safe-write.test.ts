import * as nodeFs from "node:fs/promises";
import {
  lstat,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
  chmod,
  mkdir,
} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/io/atomic-write.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "credo-safe-write-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const modeOf = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;

describe("writeFileAtomic", () => {
  it("creates a new file 0600 and missing folders 0700", async () => {
    const file = path.join(dir, "home", ".aws", "credentials");
    await writeFileAtomic(file, "[a]\n");
    expect(await readFile(file, "utf8")).toBe("[a]\n");
    expect(await modeOf(file)).toBe(0o600);
    expect(await modeOf(path.dirname(file))).toBe(0o700);
  });

  it("keeps an existing file's mode", async () => {
    const file = path.join(dir, "config");
    await writeFile(file, "old");
    await chmod(file, 0o644);
    await writeFileAtomic(file, "new");
    expect(await readFile(file, "utf8")).toBe("new");
    expect(await modeOf(file)).toBe(0o644);
  });

  it("writes through a symlink and keeps the link", async () => {
    await mkdir(path.join(dir, "dotfiles"));
    const real = path.join(dir, "dotfiles", "config");
    await writeFile(real, "old");
    const link = path.join(dir, "config");
    await symlink("dotfiles/config", link);
    await writeFileAtomic(link, "new");
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe("dotfiles/config");
    expect(await readFile(real, "utf8")).toBe("new");
  });

  it("leaves the original untouched and no temporary file when a step fails", async () => {
    const file = path.join(dir, "credentials");
    await writeFile(file, "original");
    const failingRename = {
      ...nodeFs,
      rename: async () => Promise.reject(Object.assign(new Error("disk gone"), { code: "EIO" })),
    };
    await expect(writeFileAtomic(file, "new", { fileSystem: failingRename })).rejects.toMatchObject(
      {
        message: expect.stringContaining("(EIO); the file was left as it was"),
        exitCode: "config",
      },
    );
    expect(await readFile(file, "utf8")).toBe("original");
    expect(await readdir(dir)).toEqual(["credentials"]);
  });

  it("fails cleanly when the target cannot be replaced", async () => {
    const target = path.join(dir, "config");
    await mkdir(path.join(target, "inside"), { recursive: true });
    await expect(writeFileAtomic(target, "text")).rejects.toThrow(/Cannot write/);
    expect(await readdir(dir)).toEqual(["config"]);
  });
});

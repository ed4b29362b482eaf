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

  it("a secret file ends 0600 whatever mode it had, and says so in one line", async () => {
    const file = path.join(dir, "credentials");
    await writeFile(file, "old");
    await chmod(file, 0o644);
    const notices: string[] = [];
    await writeFileAtomic(file, "new", { secret: true, notify: (line) => notices.push(line) });
    expect(await readFile(file, "utf8")).toBe("new");
    expect(await modeOf(file)).toBe(0o600);
    expect(notices).toEqual([`credo: ${file} was readable by others (0644); now 0600`]);
    await writeFileAtomic(file, "again", { secret: true, notify: (line) => notices.push(line) });
    expect(notices).toHaveLength(1);
  });

  it("a secret file behind a symlink: the target ends 0600 and the link stays", async () => {
    await mkdir(path.join(dir, "dotfiles"));
    const real = path.join(dir, "dotfiles", "credentials");
    await writeFile(real, "old");
    await chmod(real, 0o640);
    const link = path.join(dir, "credentials");
    await symlink("dotfiles/credentials", link);
    const notices: string[] = [];
    await writeFileAtomic(link, "new", { secret: true, notify: (line) => notices.push(line) });
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(real, "utf8")).toBe("new");
    expect(await modeOf(real)).toBe(0o600);
    expect(notices).toEqual([`credo: ${link} (${real}) was readable by others (0640); now 0600`]);
  });

  it("sets the mode on the open temporary file before it is closed and renamed, never by path", async () => {
    const file = path.join(dir, "config");
    await writeFile(file, "old");
    await chmod(file, 0o644);
    const steps: string[] = [];
    const recording = {
      ...nodeFs,
      chmod: async (target: Parameters<typeof nodeFs.chmod>[0], mode: number) => {
        steps.push(`chmod ${path.basename(String(target))} ${mode.toString(8)}`);
        return nodeFs.chmod(target, mode);
      },
      rename: async (from: string, to: string) => {
        steps.push("rename");
        return nodeFs.rename(from, to);
      },
      open: (async (...args: Parameters<typeof nodeFs.open>) => {
        const handle = await nodeFs.open(...args);
        if (args[0] === dir) return handle;
        steps.push(`open ${(Number(args[2]) & 0o777).toString(8)}`);
        return new Proxy(handle, {
          get(target, name) {
            const value = Reflect.get(target, name, target) as unknown;
            if (typeof value !== "function") return value;
            return async (...rest: unknown[]) => {
              if (name === "chmod") steps.push(`handle.chmod ${Number(rest[0]).toString(8)}`);
              if (name === "writeFile") {
                const mode = (await target.stat()).mode & 0o777;
                steps.push(`write while ${mode.toString(8)}`);
              }
              if (name === "close") steps.push("close");
              return (value as (...a: unknown[]) => unknown).apply(target, rest);
            };
          },
        });
      }) as typeof nodeFs.open,
    };
    await writeFileAtomic(file, "new", { fileSystem: recording });
    expect(steps).toEqual(["open 600", "write while 600", "handle.chmod 644", "close", "rename"]);
    expect(await modeOf(file)).toBe(0o644);
  });
});

import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { pathPastShims } from "./path-past-shims.js";

let root: string;
const fakePython = (printed: string) =>
  `#!/bin/sh\n[ "$2" = "import sys; print(sys.executable)" ] && echo ${printed}\n`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "credo-shims-"));
  for (const dir of ["shims", "plain"]) {
    await mkdir(join(root, dir));
    await writeFile(join(root, dir, "python3"), fakePython("/opt/python/bin/python3"));
    await chmod(join(root, dir, "python3"), 0o755);
  }
});
afterAll(() => rm(root, { recursive: true, force: true }));

it("puts the real interpreter's folder first when python3 is a shim", () => {
  expect(pathPastShims(`${root}/shims:/usr/bin:/bin`)).toBe(
    `/opt/python/bin:${root}/shims:/usr/bin:/bin`,
  );
});

it("leaves PATH as it is when python3 is not a shim, or not there", () => {
  expect(pathPastShims(`${root}/plain:${root}/shims:/bin`)).toBe(
    `${root}/plain:${root}/shims:/bin`,
  );
  expect(pathPastShims(`${root}/none`)).toBe(`${root}/none`);
});

import { readdir, readFile } from "node:fs/promises";
import { expect, it } from "vitest";

it("the README's layout names every folder of src/", async () => {
  const readme = await readFile("README.md", "utf8");
  const layout = readme.slice(readme.indexOf("Layout, from the bottom layer up."));
  const block = layout.slice(
    layout.indexOf("```"),
    layout.indexOf("```", layout.indexOf("```") + 3),
  );
  const folders = (await readdir("src", { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => `src/${entry.name}/`);
  expect(folders.length).toBeGreaterThan(20);
  expect(folders.filter((folder) => !block.includes(folder))).toEqual([]);
});

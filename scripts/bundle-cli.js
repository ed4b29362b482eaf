// Bundles the full CLI (dist/main.js and every module it imports, statically
// or lazily) into CommonJS files that bin/credo.js loads through V8's code
// cache, as it loads the fast path: dist/main.cjs holds every command (for
// help, completion, a mistyped command), and dist/commands/<name>.cjs holds
// main and one command; dist/fast-path/list.cjs holds `credo list` without
// commander (src/list-entry.ts). Loading ~130 ES modules one by one cost a cache hit
// of `credo export` more than commander and the credential chain together;
// reading and deserialising one file with every command cost about as much
// again as starting Node.js. One command's file, whose functions V8 compiled
// in an earlier run, costs a few milliseconds.
//
// Lazy `import()` boundaries stay lazy: esbuild wraps each lazily imported
// module so it runs on first use, and `supported: {"dynamic-import": false}`
// turns every `import()` into a deferred `require()`, which a script run by
// node:vm (as bin/credo.js runs the bundle) can call on every Node.js 20.
// The AWS SDK, the prompt library and the keychain binding stay outside the
// bundle (they load from node_modules through their CommonJS builds, and only
// when a command needs them), as does the file lock; the small pure-JS
// dependencies go inside.
//
// Without this step the CLI still works (bin/credo.js falls back to
// dist/main.js), just slower.
import { existsSync } from "node:fs";
import { builtinModules } from "node:module";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { URL } from "node:url";
import { build } from "esbuild";

const entry = new URL("../dist/main.js", import.meta.url).pathname;
// `credo list` with no option or --names runs from a bundle of its own, without commander (src/list-entry.ts).
const listEntry = new URL("../dist/list-entry.js", import.meta.url).pathname;
const listBundle = new URL("../dist/fast-path/list.cjs", import.meta.url).pathname;
const bundle = entry.replace(/\.js$/, ".cjs");
const commandsDir = new URL("../dist/commands/", import.meta.url).pathname;
const commandTableModule = new URL("../dist/cli/command-table.js", import.meta.url).pathname;
// proper-lockfile (and graceful-fs, which patches fs as it loads) loads only
// for a write, from node_modules, so a run that loads it is plain to see.
// playwright-core reads its own files (browsers.json, its driver) relative to
// its package, so it cannot live inside another file; it loads only for a
// browser sign-in. The XML-signature and certificate libraries serve the
// emulator's SAML identity provider (`credo demo`) and SAML sign-in alone, and
// would more than double the bundle every run reads.
const external = [
  "@aws-sdk/*",
  "@smithy/*",
  "@inquirer/*",
  "@napi-rs/*",
  "proper-lockfile",
  "playwright-core",
  "xml-crypto",
  "xpath",
  "@xmldom/xmldom",
  "selfsigned",
];

/**
 * `import.meta.url` has no value in CommonJS. A few modules locate the package
 * (bin/credo.js, package.json) relative to their own file, so each gets the URL
 * its tsc output file would have, computed from the bundle's own location at
 * run time (an installed package may be moved).
 */
const versionModule = new URL("../dist/version.js", import.meta.url).pathname;
const packageJson = await readFile(new URL("../package.json", import.meta.url), "utf8");
const packageVersion = JSON.parse(packageJson).version;
const moduleUrls = (outfile) => ({
  name: "module-urls",
  setup(builder) {
    builder.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async ({ path }) => {
      // The version is read from package.json as the bundle is built, not at each start.
      if (path === versionModule)
        return { contents: `export const version = ${JSON.stringify(packageVersion)};` };
      const text = await readFile(path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      const fromBundle = JSON.stringify(relative(dirname(outfile), path));
      return {
        contents: text.replaceAll("import.meta.url", `__credoModuleUrl(${fromBundle})`),
        loader: "js",
      };
    });
  },
});

/**
 * Node.js's own modules that a run does not already have loaded (crypto,
 * child_process, tty, http, fs/promises, os...) load on first use rather than
 * when the module importing them starts: esbuild's output reads a property of
 * an imported module at each use (`(0, import_node_crypto.randomBytes)(16)`),
 * so an object that requires the module on the first property read behaves as
 * the module. A cache hit of `credo export` then never loads child_process
 * (commander's, for executable subcommands credo has none of), crypto (file
 * writes, the vault) or net and the stream internals. They stay external
 * under a marked name that the output's `require` calls are rewritten from. The
 * modules Node.js loads before any script runs, and `process`, whose
 * properties are also set, are required as they are.
 */
const loadedAtStart = new Set([
  ...["events", "buffer", "path", "querystring", "async_hooks", "timers", "util", "fs", "url"],
  ...["module", "process", "vm"],
]);
const lazyPrefix = "credo-lazy-builtin:";
const lazyBuiltins = {
  name: "lazy-builtins",
  setup(builder) {
    builder.onResolve({ filter: /^(node:)?[a-z_]+(\/[a-z_]+)?$/ }, ({ path, kind }) => {
      const name = path.replace(/^node:/, "");
      if (kind === "entry-point" || !builtinModules.includes(name) || loadedAtStart.has(name))
        return undefined;
      return { path: `${lazyPrefix}node:${name}`, external: true };
    });
  },
};
const lazyBuiltinRuntime = `
function __credoLazyBuiltin(name) {
  let loaded;
  const real = () => (loaded ??= require(name));
  return new Proxy({}, {
    get: (_, key) => real()[key],
    has: (_, key) => key in real(),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}`;

/**
 * A command's bundle: command-table.ts loads each command lazily as
 * `import("./<name>.js")`, and only the named command's entry is ever called
 * when the first argument names it (commandsToRegister), so every other
 * command's module is left out; should one be asked for, it says so.
 */
const onlyCommand = (name) => ({
  name: "only-command",
  setup(builder) {
    builder.onResolve({ filter: /^\.\/[a-z-]+\.js$/ }, ({ path, importer, kind }) => {
      if (kind !== "dynamic-import" || importer !== commandTableModule) return undefined;
      if (path === `./${name}.js`) return undefined;
      return { path, namespace: "other-command" };
    });
    builder.onLoad({ filter: /.*/, namespace: "other-command" }, ({ path }) => ({
      contents: `throw new Error(${JSON.stringify(`${path} is not in the ${name} bundle`)});`,
      loader: "js",
    }));
  },
});

async function bundleTo(outfile, plugins, entryPoint = entry) {
  const { outputFiles } = await build({
    entryPoints: [entryPoint],
    outfile,
    write: false,
    // minifyWhitespace drops comments: the marker tells the bundle from anything else.
    banner: {
      js:
        "/* credo CLI bundle */\n" +
        "const __credoModuleUrl = (file) =>\n" +
        '  require("node:url").pathToFileURL(require("node:path").join(__dirname, file)).href;' +
        lazyBuiltinRuntime,
    },
    bundle: true,
    platform: "node",
    format: "cjs",
    external,
    supported: { "dynamic-import": false },
    plugins: [moduleUrls(outfile), lazyBuiltins, ...plugins],
    minifyWhitespace: true,
    minifySyntax: true,
    target: "node20",
    logLevel: "warning",
  });
  const [output] = outputFiles;
  const text = output.text.replaceAll(`require("${lazyPrefix}`, `__credoLazyBuiltin("`);
  if (text.includes(lazyPrefix))
    throw new Error(`a lazily loaded built-in module escaped: ${lazyPrefix}`);
  await writeFile(outfile, text);
}

const { commandTable } = await import(commandTableModule);
for (const { name } of commandTable) {
  if (!existsSync(new URL(`../dist/cli/${name}.js`, import.meta.url)))
    throw new Error(`command ${name} is not in dist/cli/${name}.js, where its bundle looks`);
}

// bin/credo.js keeps V8's compiled code of each bundle beside it
// (main.cjs.v8cache, commands/export.cjs.v8cache...); V8 would reject it for
// the new source anyway, but a stale file has no use.
await rm(commandsDir, { recursive: true, force: true });
await mkdir(commandsDir);
for (const file of [bundle, listBundle]) {
  for (const name of await readdir(dirname(file))) {
    if (name.startsWith(`${basename(file)}.`) && name.endsWith(".v8cache"))
      await rm(join(dirname(file), name), { force: true });
  }
}
await Promise.all([
  bundleTo(bundle, []),
  bundleTo(listBundle, [], listEntry),
  // Completion walks the whole tree: it runs from main.cjs.
  ...commandTable
    .filter((command) => command.needsEveryCommand !== true)
    .map(({ name }) => bundleTo(join(commandsDir, `${name}.cjs`), [onlyCommand(name)])),
]);

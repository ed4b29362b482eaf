#!/usr/bin/env node
// Entry point. `credo process NAME` is called by every AWS tool for every
// client it builds, `credo export NAME` and `credo use NAME` in every shell,
// `credo exec NAME -- COMMAND` before commands, so they take a fast path that
// loads only what a cache hit needs, and `credo list` alone runs without the
// command-line parser; everything else goes through the full CLI: the bundle
// of the command named (dist/commands/<name>.cjs), or dist/main.cjs with
// every command.
//
// This file is CommonJS (bin/package.json), the fast path a single CommonJS
// bundle (scripts/bundle-fast-path.js) and the full CLI others
// (scripts/bundle-cli.js): a run then never starts Node's ES module loader,
// which costs a few milliseconds of a ~40 ms run, and every bundle loads
// through V8's code cache.
"use strict";

const argv = process.argv.slice(2);

// credo supports Node.js 20; the AWS SDK's notice about its own future Node
// requirement would otherwise reach every AWS CLI user through stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/**
 * The commands with a path for their common case that loads less than the
 * full CLI, and the bundle of each: a cache hit of process, export, use and
 * exec (dist/fast-path/process.cjs, src/fast-path-entry.ts), and `credo list`
 * with no option or --names (dist/fast-path/list.cjs, src/list-entry.ts).
 */
const fastPaths = {
  process: { bundle: "process", entry: "tryProcessFastPath" },
  export: { bundle: "process", entry: "tryExportFastPath" },
  use: { bundle: "process", entry: "tryUseFastPath" },
  exec: { bundle: "process", entry: "tryExecFastPath" },
  list: { bundle: "list", entry: "tryListFastPath" },
};
/** The same code as ES modules, where only tsc built it (no bundle). */
const unbundled = { process: "../dist/fast-path-entry.js", list: "../dist/list-entry.js" };

async function run() {
  if (Object.hasOwn(fastPaths, argv[0])) {
    const status = await tryFastPath(fastPaths[argv[0]]);
    if (status !== undefined) process.exit(status);
  }
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) return printVersion();
  enableModuleCompileCache();
  const cli = await loadCli();
  process.exitCode = await cli.main(argv);
  cli.saveCodeCache?.();
}

/**
 * `credo --version` alone prints package.json's version, as the CLI would
 * (commander's `-V, --version`), without loading the CLI to say it.
 */
function printVersion() {
  try {
    require("node:fs").writeSync(1, `${require("../package.json").version}\n`);
  } catch {
    // A reader that has gone (`credo --version | true`) needs nothing.
  }
}

/**
 * What loads from node_modules (the AWS SDK at the first AWS call, the prompt
 * library at the first prompt) compiles through Node's own compile cache where
 * Node.js has one (22.1 and later): whoami, for one, then starts ~20 ms sooner
 * on Node.js 24.
 * The cache sits in dist/ beside the bundles' code caches, so whoever may
 * write it may already change the code it caches; never in a shared temporary
 * folder, where another user could plant compiled code. A read-only install
 * runs without it, and NODE_DISABLE_COMPILE_CACHE=1 turns it off, as Node.js
 * documents.
 */
function enableModuleCompileCache() {
  const { enableCompileCache } = require("node:module");
  if (typeof enableCompileCache !== "function") return;
  try {
    enableCompileCache(require("node:path").join(__dirname, "../dist/.node-compile-cache"));
  } catch {
    // No cache: the modules compile as they would without one.
  }
}

/**
 * The full CLI. A run whose first argument names a command loads that
 * command's bundle (dist/commands/export.cjs...), which holds main and that
 * command alone; anything else (`--version`, `--help`, completion, a typo)
 * loads dist/main.cjs, which holds every command. Each keeps its own code cache.
 */
async function loadCli() {
  const first = argv[0] ?? "";
  const named = /^[a-z][a-z0-9-]{0,40}$/.test(first) ? first : undefined;
  let bundle;
  try {
    bundle = commandBundle(named) ?? require.resolve("../dist/main.cjs");
  } catch {
    // Built by tsc alone (no bundle): the same code as ES modules, slower.
    return import("../dist/main.js");
  }
  const loaded = loadWithCodeCache(bundle);
  const { main, commandNames } = loaded.module.exports;
  // A typo compiles other functions than a real run: keep the cache of real runs.
  const known = named === undefined || commandNames.includes(named);
  return { main, saveCodeCache: known ? loaded.saveCodeCache : undefined };
}

function commandBundle(name) {
  if (name === undefined) return undefined;
  try {
    return require.resolve(`../dist/commands/${name}.cjs`);
  } catch {
    return undefined;
  }
}

/**
 * The exit status of a run a fast path served, or undefined when the full
 * CLI must take over: `process`, `export` and `use` say whether they printed
 * (status 0), `exec` gives its child's exit status when the child ran (or,
 * where Node.js can, becomes the child and never returns), `list` its own.
 */
async function tryFastPath({ bundle, entry }) {
  let fastPath;
  try {
    fastPath = loadWithCodeCache(require.resolve(`../dist/fast-path/${bundle}.cjs`));
  } catch {
    // Built by tsc alone (no bundle): the same code as ES modules, slower.
    fastPath = { module: { exports: await import(unbundled[bundle]) } };
  }
  // exec may replace this process with its command: the code cache is saved before, as after a run.
  const saveOnce = () => {
    fastPath.saveCodeCache?.();
    fastPath.saveCodeCache = undefined;
  };
  const outcome = await fastPath.module.exports[entry](argv.slice(1), process.env, saveOnce);
  const status = outcome === true ? 0 : outcome === false ? undefined : outcome;
  if (status !== undefined) saveOnce();
  return status;
}

/**
 * Requires the bundle through V8's code cache (the compiled functions of an
 * earlier run, kept beside the bundle): compiling it afresh costs ~2 ms of a
 * cache hit. V8 rejects a cache made by another Node.js version or for other
 * source, and then a new one is written after the next served request;
 * failing to write it (a read-only install) only costs that time.
 */
function loadWithCodeCache(bundle, cacheFile = `${bundle}.v8cache`) {
  const fs = require("node:fs");
  const { Script } = require("node:vm");
  const { wrap } = require("node:module");
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(wrap(fs.readFileSync(bundle, "utf8")), {
    filename: bundle,
    cachedData,
  });
  // The bundles require Node's built-in modules and packages of node_modules,
  // which this require (of bin/, beside dist/) resolves alike.
  const module = { exports: {} };
  script.runInThisContext()(
    module.exports,
    require,
    module,
    bundle,
    require("node:path").dirname(bundle),
  );
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  return { module, saveCodeCache: stale ? () => saveCodeCache(fs, script, cacheFile) : undefined };
}

function saveCodeCache(fs, script, cacheFile) {
  try {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
  } catch {
    // A read-only install: run without the cache.
  }
}

// main() turns every error of a command into a message and an exit code; what
// reaches here failed before it (a missing or broken build): say so on one
// line rather than as an unhandled rejection's stack.
run().catch((error) => {
  process.stderr.write(`credo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

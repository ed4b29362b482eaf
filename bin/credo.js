#!/usr/bin/env node
// Entry point. `credo process NAME` is called by every AWS tool for every
// client it builds, so it takes a fast path that loads only what a cache hit
// needs; everything else goes through the full CLI in dist/main.js.
//
// This file is CommonJS (bin/package.json) and the fast path a single
// CommonJS bundle (scripts/bundle-fast-path.js): a cache hit then never starts
// Node's ES module loader, which costs a few milliseconds of a ~40 ms run.
"use strict";

const argv = process.argv.slice(2);

// credo supports Node.js 20; the AWS SDK's notice about its own future Node
// requirement would otherwise reach every AWS CLI user through stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

async function run() {
  if (argv[0] === "process" && (await tryFastPath())) process.exit(0);
  const { main } = await import("../dist/main.js");
  process.exitCode = await main(argv);
}

async function tryFastPath() {
  let fastPath;
  try {
    fastPath = require("../dist/fast-path/process.cjs");
  } catch {
    // Built by tsc alone (no bundle): the same code as ES modules, slower.
    fastPath = await import("../dist/fast-path/process.js");
  }
  return fastPath.tryProcessFastPath(argv.slice(1), process.env);
}

run();

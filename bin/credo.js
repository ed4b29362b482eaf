#!/usr/bin/env node
// Entry point. `credo process NAME` is called by every AWS tool for every
// client it builds, so it takes a fast path that loads only what a cache hit
// needs; everything else goes through the full CLI in dist/main.js.
const argv = process.argv.slice(2);

// credo supports Node.js 20; the AWS SDK's notice about its own future Node
// requirement would otherwise reach every AWS CLI user through stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

if (argv[0] === "process") {
  const { tryProcessFastPath } = await import("../dist/fast-path/process.js");
  if (await tryProcessFastPath(argv.slice(1), process.env)) process.exit(0);
}

const { main } = await import("../dist/main.js");
process.exitCode = await main(argv);

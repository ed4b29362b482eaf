import { defineConfig } from "vitest/config";
import { pathPastShims } from "./test/support/path-past-shims.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Fails the run if a planted secret reaches any credo run's output (test/support/secret-*.ts).
    globalSetup: ["test/support/secret-global-setup.ts"],
    // CREDO_TEST_CPU_LOG=FILE: each test file's CPU, its own and its children's (file-cpu-recorder.ts).
    setupFiles: process.env.CREDO_TEST_CPU_LOG ? ["test/support/file-cpu-recorder.ts"] : [],
    // Tests start real processes (credo, python3, moto_server) and servers on
    // 127.0.0.1; two cores are shared, so keep the pool small and timeouts generous.
    pool: "forks",
    maxWorkers: 2,
    // Test files share their worker's module cache: each file no longer loads
    // the AWS SDK and src/ again (about 0.4 CPU-seconds a file). Files leave
    // process-wide state as they found it (env stubs undone, fake timers off).
    isolate: false,
    // Transformed test and source modules are kept on disk (node_modules/.experimental-vitest-cache)
    // between runs: a second run spends ~4 CPU-seconds less in vitest's own process.
    experimental: { fsModuleCache: true },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The SDK's notice about its own future Node.js requirement is noise here.
    // PATH: see path-past-shims.ts.
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...(process.env.PATH === undefined ? {} : { PATH: pathPastShims(process.env.PATH) }),
    },
  },
});

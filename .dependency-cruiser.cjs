// The layering of src/, checked by `npm run lint` (depcruise). Lower folders
// never import higher ones, so each can be read, tested and reused without
// the rest: io/ is the bottom; aws/, profile-files/, cache/ and vault/ sit on
// it; everything else (the credential chain, SSO, the commands) above; and
// nothing but main.ts and cli/ itself imports cli/.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "io-is-the-bottom",
      comment: "io/ holds the operating-system edges; it imports nothing of credo but errors.ts.",
      severity: "error",
      from: { path: "^src/io/" },
      to: { path: "^src/", pathNot: ["^src/io/", "^src/errors\\.ts$"] },
    },
    {
      name: "base-layers-stay-low",
      comment:
        "aws/, profile-files/, cache/ and vault/ build on io/ and on each other, never on the chain, SSO or the commands above them.",
      severity: "error",
      from: { path: "^src/(aws|profile-files|cache|vault)/" },
      to: {
        path: "^src/",
        pathNot: [
          "^src/(io|aws|profile-files|cache|vault)/",
          "^src/errors\\.ts$",
          "^src/version\\.ts$",
        ],
      },
    },
    {
      name: "only-main-imports-cli",
      comment: "Commands are reached through main.ts; other code calls the functions they call.",
      severity: "error",
      from: { path: "^src/", pathNot: ["^src/cli/", "^src/main\\.ts$"] },
      to: { path: "^src/cli/" },
    },
    {
      name: "no-circular-folders",
      comment:
        "Folders form layers too: when two folders import each other neither can be understood alone.",
      severity: "error",
      scope: "folder",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "no-circular",
      comment:
        "A cycle between modules makes their load order matter and their layers meaningless.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};

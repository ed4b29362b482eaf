import type { Command } from "commander";
import { Option } from "commander";
import type { AppContext } from "../context.js";
import type { ListOptions } from "../listing/run-list.js";
import { runList } from "../listing/run-list.js";
import { exitCodeAction } from "./command-action.js";

export function registerList(program: Command, ctx: AppContext): void {
  program
    .command("list")
    .summary("list every profile credo can use, with the state of its session")
    .description(
      "List the profiles of ~/.aws/config and ~/.aws/credentials: name, kind (hub, role, sso, login,\n" +
        "static, process, other), account, role, region and the state of the cached session (valid for\n" +
        "3h12m, expired, none), looked up under the same cache keys the credential chain uses (an\n" +
        "`aws login` profile: the credentials in ~/.aws/login/cache).\n" +
        "Reads only the files and credo's cache folder: no network, no passphrase.",
    )
    .option("--json", "print JSON: [{name, kind, account, role, region, sourceProfile, session}]")
    .option("--tree", "draw hubs with the roles hanging off them, following source_profile")
    .addOption(
      new Option(
        "--names",
        "print profile names only, one a line (for shell completion)",
      ).hideHelp(),
    )
    .addHelpText(
      "after",
      "\nExamples:\n  credo list\n  credo list --tree\n  credo list --json | jq -r '.[] | select(.kind == \"role\") | .name'",
    )
    .action(exitCodeAction((options: ListOptions) => runList(options, ctx)));
}

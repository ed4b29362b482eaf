import { fishInitScript } from "./fish-init-script.js";
import { bashInitScript, zshInitScript } from "./posix-init-script.js";
import { powershellInitScript } from "./powershell-init-script.js";
import type { ShellName } from "./shell-names.js";

/** The start-up code `credo shell-init SHELL` prints. */
export function shellInitScript(shell: ShellName): string {
  switch (shell) {
    case "bash":
      return bashInitScript();
    case "zsh":
      return zshInitScript();
    case "fish":
      return fishInitScript();
    case "powershell":
      return powershellInitScript();
  }
}

/** How to load it: the line for the start-up file, and that file. */
export const shellInitSetup: Record<ShellName, { line: string; file: string }> = {
  bash: { line: 'eval "$(credo shell-init bash)"', file: "~/.bashrc" },
  zsh: { line: 'eval "$(credo shell-init zsh)"', file: "~/.zshrc" },
  fish: { line: "credo shell-init fish | source", file: "~/.config/fish/config.fish" },
  powershell: {
    line: "Invoke-Expression (& credo shell-init powershell | Out-String)",
    file: "$PROFILE",
  },
};

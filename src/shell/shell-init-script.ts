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

/** How to load it, for help texts and the message of `credo use` without the function. */
export const shellInitSetup: Record<ShellName, string> = {
  bash: 'add  eval "$(credo shell-init bash)"  to ~/.bashrc',
  zsh: 'add  eval "$(credo shell-init zsh)"  to ~/.zshrc',
  fish: "add  credo shell-init fish | source  to ~/.config/fish/config.fish",
  powershell: "add  Invoke-Expression (& credo shell-init powershell | Out-String)  to $PROFILE",
};

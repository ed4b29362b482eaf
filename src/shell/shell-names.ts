/** The shells `credo shell-init` and `credo use` speak. */
export const shellNames = ["bash", "zsh", "fish", "powershell"] as const;
export type ShellName = (typeof shellNames)[number];

export function isShellName(value: string): value is ShellName {
  return (shellNames as readonly string[]).includes(value);
}

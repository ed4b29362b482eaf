import type { Env } from "../env.js";
import { envValue } from "../env.js";

export type BrowserAvailability = { available: true } | { available: false; reason: string };

/**
 * Whether `sso login` can open a browser on this machine. Over SSH the browser
 * would open on the remote host; on Linux without DISPLAY or WAYLAND_DISPLAY
 * (a container, a console) nothing can show it. In both cases the
 * authorization-code flow cannot complete, so login falls back to the device
 * code flow, which works from any other device.
 */
export function browserAvailability(env: Env, platform: NodeJS.Platform): BrowserAvailability {
  if (envValue(env, "SSH_CONNECTION") !== undefined || envValue(env, "SSH_TTY") !== undefined) {
    return { available: false, reason: "this is an SSH session" };
  }
  const usesX11OrWayland = platform !== "darwin" && platform !== "win32";
  if (
    usesX11OrWayland &&
    envValue(env, "DISPLAY") === undefined &&
    envValue(env, "WAYLAND_DISPLAY") === undefined
  ) {
    if (envValue(env, "BROWSER") !== undefined) return { available: true };
    return {
      available: false,
      reason: "there is no display (DISPLAY and WAYLAND_DISPLAY are unset)",
    };
  }
  return { available: true };
}

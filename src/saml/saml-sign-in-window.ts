import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import { browserAvailability } from "../io/platform/browser-availability.js";
import type { SignInWindow } from "./capture-saml-response.js";

/**
 * Whether a sign-in that needs the user can show a window here. CREDO_SAML_WINDOW
 * = headless-devtools keeps that window headless with a DevTools port, so a
 * test (or automation) drives the provider's page itself.
 */
export function samlSignInWindow(env: Env, platform: NodeJS.Platform): SignInWindow {
  if (envValue(env, "CREDO_SAML_WINDOW") === "headless-devtools") return "headless-devtools";
  const usesX11OrWayland = platform !== "darwin" && platform !== "win32";
  if (!usesX11OrWayland) return "window";
  const display =
    envValue(env, "DISPLAY") !== undefined || envValue(env, "WAYLAND_DISPLAY") !== undefined;
  return display && browserAvailability(env, platform).available ? "window" : "none";
}

import { directTransport, succeeded } from "../aws/http-transport.js";
import { CredoError } from "../errors.js";

/** What `credo sso login --use-device-code` tells the user: where to go and which code to expect. */
export interface DevicePrompt {
  url: string;
  userCode: string;
}

/** Finds the verification URL and the user code in what the login printed so far. */
export function devicePromptIn(output: string): DevicePrompt | undefined {
  const match = /^\s+(https?:\/\/\S+)\s*$[\s\S]*?shows the code: ([A-Z0-9]{4}-[A-Z0-9]{4})/m.exec(
    output,
  );
  return match === null ? undefined : { url: match[1] ?? "", userCode: match[2] ?? "" };
}

/**
 * Does what the user does in the browser: opens the verification URL,
 * checks that the page shows the code the terminal showed, and clicks Allow
 * (the page's form posts the code with decision=allow to the same path).
 */
export async function approveDeviceCode(prompt: DevicePrompt): Promise<void> {
  const opened = await directTransport({ method: "GET", url: prompt.url, headers: {} });
  // The code on its own in an element, as the page shows a pending request (not inside a "no such code" notice).
  if (!succeeded(opened) || !opened.body.includes(`>${prompt.userCode}<`)) {
    throw new CredoError(
      `The demo stopped: the approval page (HTTP ${opened.status}) does not show the code ${prompt.userCode}.`,
    );
  }
  const target = new URL(prompt.url);
  const clicked = await directTransport({
    method: "POST",
    url: `${target.origin}${target.pathname}`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user_code: prompt.userCode, decision: "allow" }).toString(),
  });
  if (!succeeded(clicked) || !clicked.body.includes("Request approved")) {
    throw new CredoError(
      `The demo stopped: approving the code ${prompt.userCode} failed (HTTP ${clicked.status}).`,
    );
  }
}

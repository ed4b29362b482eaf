import { escapeMarkup, htmlResponse, type EmulatorResponse } from "./http-response.js";
import type { SsoDirectory } from "./sso-directory.js";

function page(title: string, content: string): EmulatorResponse {
  return htmlResponse(
    200,
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeMarkup(title)}</title></head>` +
      `<body><h1>${escapeMarkup(title)}</h1>${content}</body></html>`,
  );
}

function decisionForm(action: string, hidden: Record<string, string>): string {
  const inputs = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeMarkup(value)}">`)
    .join("");
  return (
    `<form method="post" action="${action}">${inputs}` +
    `<button type="submit" name="decision" value="allow" id="allow">Allow</button> ` +
    `<button type="submit" name="decision" value="deny" id="deny">Deny</button></form>`
  );
}

/** GET /device: the verification page a device-code login sends the user to. */
export function devicePage(sso: SsoDirectory, userCode: string | null): EmulatorResponse {
  const device = userCode === null ? undefined : sso.findDeviceByUserCode(userCode);
  if (device === undefined || device.status !== "pending") {
    const notice =
      userCode === null
        ? ""
        : `<p id="message">No pending request for code ${escapeMarkup(userCode)}.</p>`;
    return page(
      "Authorize request",
      `${notice}<form method="get" action="/device"><input name="user_code" id="user_code"><button type="submit">Next</button></form>`,
    );
  }
  return page(
    "Authorize request",
    `<p>Allow the application to access your data? Code: <code id="user-code">${escapeMarkup(device.userCode)}</code> (${escapeMarkup(sso.userName)})</p>` +
      decisionForm("/device", { user_code: device.userCode }),
  );
}

/** POST /device: the user's click. */
export function deviceDecision(sso: SsoDirectory, form: URLSearchParams): EmulatorResponse {
  const userCode = form.get("user_code") ?? "";
  const device = sso.findDeviceByUserCode(userCode);
  if (device === undefined || device.status !== "pending")
    return page(
      "Request not found",
      `<p id="message">No pending request for code ${escapeMarkup(userCode)}.</p>`,
    );
  if (form.get("decision") === "allow") {
    sso.approve(userCode);
    return page(
      "Request approved",
      `<p id="message">Request approved. You can close this window.</p>`,
    );
  }
  sso.deny(userCode);
  return page("Request denied", `<p id="message">Request denied. You can close this window.</p>`);
}

/** GET /approve: the consent page an authorization-code login lands on after /authorize. */
export function authorizationPage(sso: SsoDirectory, requestId: string): EmulatorResponse {
  const request = sso.authorizationRequests.get(requestId);
  if (request === undefined)
    return page(
      "Request not found",
      `<p id="message">This authorization request is unknown or finished.</p>`,
    );
  const client = sso.clients.get(request.clientId);
  return page(
    "Authorize request",
    `<p>Allow <span id="client-name">${escapeMarkup(client?.clientName ?? "")}</span> to access your data as ${escapeMarkup(sso.userName)}?</p>` +
      decisionForm("/approve", { request: requestId }),
  );
}

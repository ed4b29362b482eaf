/** A cached MFA session of this hub (keys from hubSessionKeyParts). */
export function isHubSession(key: Readonly<Record<string, unknown>>, hub: string): boolean {
  return key["kind"] === "GetSessionToken" && key["hub"] === hub;
}

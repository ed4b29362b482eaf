/**
 * An SSO token with less than this left is refreshed before use: the JS SDK's
 * SSO token provider uses 5 minutes. The `credo process` fast path leaves such
 * a token to the full path, which refreshes it.
 */
export const ssoTokenRefreshWindowMs = 5 * 60 * 1000;

import { formatDuration } from "../output/format-duration.js";
import type { SessionState } from "./session-states.js";

/** "valid for 3h12m", "expired" or "none". */
export function sessionLabel(session: SessionState, now: number): string {
  return session.state === "valid"
    ? `valid for ${formatDuration(session.expiresAt.getTime() - now)}`
    : session.state;
}

/**
 * Where an MFA code comes from when a step needs one (GetSessionToken or
 * AssumeRole with SerialNumber): --mfa-code, else the profile's
 * credo_mfa_process, else a prompt (credo_mfa_prompt: the terminal, a desktop
 * dialog or a command). The chain only sees this function; the code is
 * validated (six digits) before any AWS call.
 */
export interface MfaRequest {
  /** The MFA device ARN (mfa_serial). */
  serial: string;
  /** The profile that asked for it (for the prompt and for credo_mfa_process). */
  profile: string;
  /** The profile's credo_mfa_process setting, if any. */
  mfaProcess?: string;
  /** The profile's credo_mfa_prompt setting (terminal, gui or a command), if any. */
  mfaPrompt?: string;
}

export type MfaCodeSource = (request: MfaRequest) => Promise<string>;

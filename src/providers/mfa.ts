/**
 * Where an MFA code comes from when a step needs one (GetSessionToken or
 * AssumeRole with SerialNumber): --mfa-code, else the profile's
 * credo_mfa_process, else a prompt on the controlling terminal. The chain only
 * sees this function; it is validated (six digits) before any AWS call.
 */
export interface MfaRequest {
  /** The MFA device ARN (mfa_serial). */
  serial: string;
  /** The profile that asked for it (for the prompt and for credo_mfa_process). */
  profile: string;
  /** The profile's credo_mfa_process setting, if any. */
  mfaProcess?: string;
}

export type MfaCodeSource = (request: MfaRequest) => Promise<string>;

/** A failure the emulator answers with, formatted by whichever protocol the request came in on. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export function accessDenied(message: string): ServiceError {
  return new ServiceError(403, "AccessDenied", message);
}

export function validationError(message: string): ServiceError {
  return new ServiceError(400, "ValidationError", message);
}

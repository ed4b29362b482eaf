import { validationError } from "./service-error.js";

/** A request parameter the API requires, refused as AWS refuses a missing member. */
export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === "") {
    const member = name.charAt(0).toLowerCase() + name.slice(1);
    throw validationError(
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

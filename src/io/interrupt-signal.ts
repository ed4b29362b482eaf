/**
 * An AbortSignal that fires on the first Ctrl-C (SIGINT) or SIGTERM, for
 * long-running commands that end cleanly; dispose() restores the default handling.
 */
export function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once("SIGINT", abort);
  process.once("SIGTERM", abort);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", abort);
      process.off("SIGTERM", abort);
    },
  };
}

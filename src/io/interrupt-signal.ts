/**
 * An AbortSignal that fires on the first Ctrl-C (SIGINT) or SIGTERM, for
 * long-running commands that end cleanly; dispose() restores the default handling.
 *
 * The listeners stay registered until dispose(), rather than `once`: a library
 * that watches signals too (proper-lockfile's signal-exit) re-raises a signal
 * when it finds no other listener, which would turn the clean stop into a kill
 * if ours had already removed itself. Kept, they make the outcome the same in
 * whichever order the two were loaded. A second signal stops at once.
 */
export function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      controller.abort();
      return;
    }
    dispose();
    process.kill(process.pid, signal);
  };
  const dispose = () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return { signal: controller.signal, dispose };
}

/**
 * An AbortSignal that fires on the first Ctrl-C (SIGINT) or SIGTERM, for
 * long-running commands that end cleanly; dispose() restores the default handling.
 *
 * The listener stays in place until dispose(), rather than going with the
 * first signal: signal-exit (loaded with the file lock, possibly after this
 * listener, by a refresh that writes) re-raises a signal when it finds itself
 * the only listener, which would kill the process before it stopped cleanly.
 * A second signal while the command stops ends it as the default handling
 * would.
 */
export function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const dispose = () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      controller.abort();
      return;
    }
    dispose();
    process.kill(process.pid, signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return { signal: controller.signal, dispose };
}

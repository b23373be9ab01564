/**
 * Stops what a dev command started when it is interrupted (Ctrl-C, or `kill` of its process
 * alone), then exits. Ceph's daemons are processes of their own: a bench killed without this left
 * its cluster running, loading the next run. Returns the stop, run at most once, for the command's
 * own way out: an interrupted run's work fails as its servers go, and must not stop them again.
 */
export function stopOnSignals(
  stop: () => Promise<void>,
  { exitCode = 0, stopping }: { exitCode?: number; stopping?: () => void } = {},
): () => Promise<void> {
  let stopped: Promise<void> | undefined;
  const stopOnce = (): Promise<void> => (stopped ??= stop());
  const onSignal = (): void => {
    if (stopped) return;
    stopping?.();
    stopOnce().then(
      () => process.exit(exitCode),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return stopOnce;
}

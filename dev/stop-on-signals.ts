/**
 * Stops what a dev command started when it is interrupted (Ctrl-C, or `kill` of its process
 * alone), then exits. Ceph's daemons are processes of their own: a bench killed without this left
 * its cluster running, loading the next run.
 */
export function stopOnSignals(
  stop: () => Promise<void>,
  { exitCode = 0, stopping }: { exitCode?: number; stopping?: () => void } = {},
): void {
  let stopped = false;
  const onSignal = (): void => {
    if (stopped) return;
    stopped = true;
    stopping?.();
    stop().then(
      () => process.exit(exitCode),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

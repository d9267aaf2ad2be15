/** Stops on SIGTERM/SIGINT, once. */
export function stopOnSignals(server: { stop(): Promise<void> }, print: (line: string) => void): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    print(`${signal} received, shutting down…`);
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        print(`shutdown failed: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => handler('SIGTERM'));
  process.once('SIGINT', () => handler('SIGINT'));
}

/** Process groups a bench started; killed if the bench is interrupted so no ffmpeg outlives it. */
const groups = new Set<number>();

function killAll(): void {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  groups.clear();
}

let installed = false;
export function trackGroup(pgid: number): void {
  groups.add(pgid);
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.on(sig, () => {
      killAll();
      process.exit(130);
    });
}

export function untrackGroup(pgid: number): void {
  groups.delete(pgid);
}

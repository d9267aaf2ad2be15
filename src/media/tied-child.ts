import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * Children that die with their parent. A `kill -9` of the server or worker must not leave its ffmpeg
 * running on: an orphan would keep the CPU busy (and write into a scratch directory) while the resumed job
 * encodes the same video again. On Linux, util-linux `setpriv --pdeathsig KILL` asks the kernel to kill the
 * child when its parent dies; elsewhere (or without setpriv) the command runs unchanged.
 */
const SETPRIV_PATHS = ['/usr/bin/setpriv', '/bin/setpriv'];

let setpriv: string | null | undefined;

function findSetpriv(): string | null {
  if (setpriv !== undefined) return setpriv;
  setpriv = null;
  if (process.platform !== 'linux') return setpriv;
  setpriv = SETPRIV_PATHS.find(executable) ?? null;
  return setpriv;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether `binary` can be run (a path, or a name found on PATH). */
export function runnable(
  binary: string,
  // eslint-disable-next-line no-restricted-syntax -- the executable search path, not a VLog setting
  searchPath: string = process.env.PATH ?? '',
): boolean {
  if (binary.includes('/')) return executable(binary);
  return searchPath.split(path.delimiter).some((dir) => dir && executable(path.join(dir, binary)));
}

/**
 * The command to spawn so that `binary` is killed when this process dies. A binary that cannot be found
 * is left unwrapped, so spawning it still fails at once with ENOENT (not later inside setpriv).
 */
export function tiedToParent(
  binary: string,
  args: readonly string[],
  wrapper: string | null = findSetpriv(),
  // eslint-disable-next-line no-restricted-syntax -- the executable search path, not a VLog setting
  searchPath: string = process.env.PATH ?? '',
): { command: string; args: string[] } {
  if (!wrapper || !runnable(binary, searchPath)) return { command: binary, args: [...args] };
  return { command: wrapper, args: ['--pdeathsig', 'KILL', '--', binary, ...args] };
}

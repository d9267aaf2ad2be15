import { execFile } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The server's CODE_VERSION (api-worker.md §4.2): VLOG_CODE_VERSION, else the checkout's
 * `git rev-parse --short HEAD`, else `dev`. Resolved once, on first use.
 */
export function codeVersionResolver(configured: string): () => Promise<string> {
  let version: Promise<string> | null = null;
  return () => {
    version ??= configured
      ? Promise.resolve(configured)
      : new Promise((resolve) => {
          execFile('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, timeout: 2000 }, (err, out) =>
            resolve(err ? 'dev' : out.trim() || 'dev'),
          );
        });
    return version;
  };
}

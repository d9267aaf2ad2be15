/**
 * The JavaScript and CSS a page actually loaded (its Resource Timing entries ending in .js/.css, the hls.js
 * worker included), fetched again from the server and gzipped here: the issue-13 size target counts gzipped
 * bytes whether or not the server compresses (it does not: static files go out as they are).
 */
import { gzipSync } from 'node:zlib';
import type { ResourceEntry } from './first-frame.js';

export interface AssetWeight {
  path: string;
  raw: number;
  gzip: number;
}

export async function pageWeight(resources: ResourceEntry[]): Promise<AssetWeight[]> {
  const urls = [...new Set(resources.map((r) => r.name))].filter((u) =>
    /\.(js|css)$/.test(new URL(u).pathname),
  );
  const weights: AssetWeight[] = [];
  for (const url of urls) {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    // Level 9: what a build step that precompresses would ship (close to level 6: within ~1 %).
    weights.push({
      path: new URL(url).pathname,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
    });
  }
  return weights.sort((a, b) => b.gzip - a.gzip);
}

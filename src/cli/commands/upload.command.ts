import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { randomBytes } from 'node:crypto';
import cliProgress from 'cli-progress';
import { CliError, type AdminClient } from '../admin-client.js';

function defaultTitle(file: string): string {
  return path
    .basename(file, path.extname(file))
    .replace(/[-_]+/g, ' ')
    .replace(/\b\w/g, (c) => c.toUpperCase());
}

/** Streams a multipart body from disk (constant memory) and reports bytes sent. */
function multipartBody(
  file: string,
  size: number,
  fields: Record<string, string>,
  onBytes: (n: number) => void,
) {
  const boundary = `----vlog${randomBytes(12).toString('hex')}`;
  const head = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file).replace(/"/g, '')}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const length = Buffer.byteLength(head) + Buffer.byteLength(fileHead) + size + Buffer.byteLength(tail);
  async function* parts() {
    yield Buffer.from(head + fileHead);
    yield* createReadStream(file, { highWaterMark: 1024 * 1024 });
    yield Buffer.from(tail);
  }
  const counter = new Transform({
    transform(chunk: Buffer, _e, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  return {
    stream: Readable.from(parts()).pipe(counter),
    length,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export async function uploadCommand(
  client: AdminClient,
  args: {
    file: string;
    title?: string;
    description?: string;
    category?: string;
    maxUploadSize: number;
    timeoutMs: number;
  },
  print: (s: string) => void,
): Promise<void> {
  const info = await stat(args.file).catch(() => null);
  if (!info?.isFile()) throw new CliError(`Not a file: ${args.file}`);
  if (info.size === 0) throw new CliError('The file is empty');
  if (info.size > args.maxUploadSize)
    throw new CliError(`File too large (max ${(args.maxUploadSize / 1024 ** 3).toFixed(1)} GB)`);
  const fields: Record<string, string> = {
    title: args.title ?? defaultTitle(args.file),
    description: args.description ?? '',
  };
  if (args.category) {
    const categories = (await client.get('/categories')) as Array<{ id: number; name: string; slug: string }>;
    const wanted = args.category.toLowerCase();
    const match = categories.find((c) => c.slug === wanted || c.name.toLowerCase() === wanted);
    if (match) fields.category_id = String(match.id);
    else print(`Warning: category "${args.category}" not found; uploading without a category.`);
  }
  const bar = new cliProgress.SingleBar(
    {
      format: 'Uploading [{bar}] {percentage}% | {value}/{total} MB | {speed} MB/s | ETA {eta}s',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const mb = (n: number) => Math.round((n / 1024 ** 2) * 10) / 10;
  const started = Date.now();
  let sent = 0;
  bar.start(mb(info.size), 0, { speed: 0 });
  const body = multipartBody(args.file, info.size, fields, (n) => {
    sent += n;
    bar.update(Math.min(mb(sent), mb(info.size)), {
      speed: (mb(sent) / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1),
    });
  });
  try {
    const res = await fetch(`${client.api}/videos`, {
      method: 'POST',
      headers: {
        ...client.headers(),
        'Content-Type': body.contentType,
        'Content-Length': String(body.length),
      },
      body: Readable.toWeb(body.stream) as ReadableStream,
      duplex: 'half',
      signal: AbortSignal.timeout(args.timeoutMs),
    } as RequestInit);
    bar.stop();
    const result = (await client.handle(res)) as { video_id: number; slug: string };
    print(`Success! Video queued for processing.\nID: ${result.video_id}\nSlug: ${result.slug}`);
  } catch (err) {
    bar.stop();
    if (err instanceof CliError) throw err;
    throw new CliError(`Upload failed: ${(err as Error).message}`);
  }
}

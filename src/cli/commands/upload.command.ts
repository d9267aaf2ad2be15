import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { randomBytes } from 'node:crypto';
import cliProgress from 'cli-progress';
import { CliError, type AdminClient } from '../admin-client.js';
import { followTranscode } from './follow-transcode.js';
import { createTranscodeDisplay } from './transcode-display.js';

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

/** Sends the file with a live progress bar (bytes, speed, ETA); returns the API's answer. */
async function sendFile(
  client: AdminClient,
  file: string,
  size: number,
  fields: Record<string, string>,
  timeoutMs: number,
): Promise<{ video_id: number; slug: string }> {
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
  bar.start(mb(size), 0, { speed: 0 });
  const body = multipartBody(file, size, fields, (n) => {
    sent += n;
    bar.update(Math.min(mb(sent), mb(size)), {
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
      signal: AbortSignal.timeout(timeoutMs),
    } as RequestInit);
    bar.stop();
    return (await client.handle(res)) as { video_id: number; slug: string };
  } catch (err) {
    bar.stop();
    if (err instanceof CliError) throw err;
    throw new CliError(`Upload failed: ${(err as Error).message}`);
  }
}

/** Follows the transcode (--wait) until ready; Ctrl-C stops following, never the job. */
async function waitForTranscode(
  client: AdminClient,
  videoId: number,
  tty: boolean,
  print: (s: string) => void,
): Promise<'ready' | 'interrupted'> {
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  const display = createTranscodeDisplay({ tty, print });
  try {
    const final = await followTranscode(client, videoId, {
      signal: interrupt.signal,
      onUpdate: (state) => display.update(state),
    });
    display.stop();
    if (final.status === 'failed')
      throw new CliError(`Transcoding failed: ${final.last_error ?? 'no error message was recorded'}`);
    print(`Transcoding complete: video ${videoId} is ready.`);
    return 'ready';
  } catch (err) {
    display.stop();
    if (!interrupt.signal.aborted) throw err;
    print(`Stopped following. Video ${videoId} keeps processing on the server (see \`vlog list\`).`);
    return 'interrupted';
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** 'queued' without --wait; with it, 'ready' or 'interrupted' (Ctrl-C); a failed transcode throws. */
export async function uploadCommand(
  client: AdminClient,
  args: {
    file: string;
    title?: string;
    description?: string;
    category?: string;
    wait?: boolean;
    maxUploadSize: number;
    timeoutMs: number;
    /** Whether the progress display may redraw a bar (stderr is a terminal). */
    tty?: boolean;
  },
  print: (s: string) => void,
): Promise<'queued' | 'ready' | 'interrupted'> {
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
  const result = await sendFile(client, args.file, info.size, fields, args.timeoutMs);
  print(`Success! Video queued for processing.\nID: ${result.video_id}\nSlug: ${result.slug}`);
  if (!args.wait) return 'queued';
  return waitForTranscode(client, result.video_id, args.tty ?? false, print);
}

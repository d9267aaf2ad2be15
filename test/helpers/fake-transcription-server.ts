import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake server received: its headers and multipart fields (files as their bytes). */
export interface RecordedTranscriptionRequest {
  path: string;
  authorization: string | undefined;
  fields: Record<string, string[]>;
  file: { name: string; type: string; bytes: Buffer } | null;
}

export interface FakeTranscriptionServer {
  url: string;
  requests: RecordedTranscriptionRequest[];
  /** What the next requests are answered with (default: verbose_json with word times). */
  respond: (req: RecordedTranscriptionRequest) => Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The words the fake server "hears", as OpenAI's verbose_json with word timestamps. */
export const FAKE_VERBOSE_JSON = {
  task: 'transcribe',
  language: 'english',
  duration: 5,
  text: 'Hello world. This is a test.',
  words: [
    { word: 'Hello', start: 0.2, end: 0.6 },
    { word: 'world.', start: 0.6, end: 1.1 },
    { word: 'This', start: 2.5, end: 2.8 },
    { word: 'is', start: 2.8, end: 3.0 },
    { word: 'a', start: 3.0, end: 3.1 },
    { word: 'test.', start: 3.1, end: 3.6 },
  ],
  segments: [],
};

/**
 * A loopback server speaking the OpenAI transcription protocol (POST /v1/audio/transcriptions, multipart):
 * it records each request's fields (parsed with the platform's own multipart parser) and answers with
 * `respond`.
 */
export async function startFakeTranscriptionServer(): Promise<FakeTranscriptionServer> {
  const state: FakeTranscriptionServer = {
    url: '',
    requests: [],
    respond: () => Promise.resolve({ status: 200, body: FAKE_VERBOSE_JSON }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await bodyOf(req);
      const form = await new Response(new Uint8Array(raw), {
        headers: { 'content-type': req.headers['content-type'] ?? '' },
      })
        .formData()
        .catch(() => new FormData());
      const fields: Record<string, string[]> = {};
      let file: RecordedTranscriptionRequest['file'] = null;
      for (const [key, value] of form.entries()) {
        if (typeof value === 'string') (fields[key] ??= []).push(value);
        else file = { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
      }
      const recorded = { path: req.url ?? '', authorization: req.headers.authorization, fields, file };
      state.requests.push(recorded);
      const answer = await state.respond(recorded);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

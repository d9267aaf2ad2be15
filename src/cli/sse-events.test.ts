import { describe, expect, it } from 'vitest';
import { sseEvents } from './sse-events.js';

/** A body delivered in the given chunks, as a network read would split it. */
function body(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
}

const all = async (chunks: string[]) => {
  const out = [];
  for await (const e of sseEvents(body(chunks))) out.push(e);
  return out;
};

describe('sseEvents', () => {
  it('reassembles events split across chunks, in order', async () => {
    expect(
      await all(['event: retry\ndata: 3000\n', '\nevent: prog', 'ress\ndata: {"a":1}\n\n', 'data: x\n\n']),
    ).toEqual([
      { event: 'retry', data: '3000' },
      { event: 'progress', data: '{"a":1}' },
      { event: 'message', data: 'x' },
    ]);
  });

  it('skips comments and data-less blocks, joins multi-line data, accepts CRLF', async () => {
    expect(await all([': keep-alive\n\nevent: only-a-name\n\r\n', 'data: a\r\ndata:b\r\n\r\n'])).toEqual([
      { event: 'message', data: 'a\nb' },
    ]);
  });

  it('drops an unterminated last event (the stream was cut)', async () => {
    expect(await all(['data: whole\n\ndata: half'])).toEqual([{ event: 'message', data: 'whole' }]);
  });
});

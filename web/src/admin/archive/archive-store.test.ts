import { describe, expect, it } from 'vitest';
import type { ArchiveApi, ArchivedPage } from './archive-api.js';
import { ArchiveStore } from './archive-store.js';

/** An archive API whose page answers the test releases one by one, in any order. */
function controlledApi() {
  const pending: Array<{ offset: number; answer: (page: ArchivedPage) => void; fail: (e: Error) => void }> =
    [];
  const api = {
    page: (_limit: number, offset: number) =>
      new Promise<ArchivedPage>((answer, fail) => pending.push({ offset, answer, fail })),
  } as unknown as ArchiveApi;
  return { api, pending };
}

const videos = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => ({
    id: from + i,
    title: `v${from + i}`,
    slug: `v${from + i}`,
    deleted_at: null,
    created_at: null,
  })) as ArchivedPage['videos'];

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('ArchiveStore', () => {
  it('shows only the latest load: an older empty answer arriving last does not replace the page', async () => {
    const { api, pending } = controlledApi();
    const store = new ArchiveStore(api, () => undefined);
    store.offset.value = 25; // on page 2, whose last rows were just restored
    const first = store.load(); // the restore's reload
    const second = store.load(); // the reload of the 'videos-changed' it announced
    expect(pending.map((p) => p.offset)).toEqual([25, 25]);

    pending[1]?.answer({ videos: [], total: 25 }); // page 2 is empty now → back to page 1
    await flush();
    expect(pending.map((p) => p.offset)).toEqual([25, 25, 0]);
    pending[2]?.answer({ videos: videos(25), total: 25 });
    await second;
    pending[0]?.answer({ videos: [], total: 25 }); // the stale answer comes last
    await first;

    const state = store.state.value;
    expect(state.kind).toBe('ready');
    expect(state.kind === 'ready' && state.page.videos.length).toBe(25);
    expect(store.offset.value).toBe(0);
  });

  it('an error of a superseded load is not shown either', async () => {
    const { api, pending } = controlledApi();
    const store = new ArchiveStore(api, () => undefined);
    const first = store.load();
    const second = store.load();
    pending[1]?.answer({ videos: videos(3), total: 3 });
    await second;
    pending[0]?.fail(new Error('network down'));
    await first;
    expect(store.state.value.kind).toBe('ready');
  });
});

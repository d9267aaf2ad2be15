/**
 * Tags tab (the reference has no tag editor): every tag with its count of videos, a search box (`/`
 * focuses it) filtering by name, Add, Rename in place and Delete after a confirmation.
 * Test hooks: `#tags`, `#tags-search`, `#tag-name`, `#tag-add`, `#tag-error`, `#tags-list`, `#tags-count`
 * (rows: tag-row.tsx).
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { componentTab, type TabProps } from '../components/component-tab.js';
import { EmptyState, ErrorState } from '../components/states.js';
import { toast } from '../components/toast.js';
import { useLoad } from '../components/use-load.js';
import { filterTags, tagsApi, type TagsApi } from './tags-api.js';
import { TagRow } from './tag-row.js';

function AddTag(props: { api: TagsApi; added: () => void }) {
  const name = useSignal('');
  const error = useSignal('');
  const busy = useSignal(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (!name.value.trim()) return void (error.value = 'A name is required');
    busy.value = true;
    error.value = '';
    try {
      const tag = await props.api.create(name.value.trim());
      name.value = '';
      toast(`Tag “${tag.name}” created`, 'success');
      props.added();
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
    }
  };
  return (
    <form class="organise-inline-form" onSubmit={(ev) => void submit(ev)}>
      <label class="sr-only" for="tag-name">
        New tag name
      </label>
      <input
        id="tag-name"
        class="input input-sm"
        placeholder="New tag"
        maxLength={50}
        value={name.value}
        aria-invalid={error.value ? 'true' : undefined}
        aria-describedby="tag-error"
        onInput={(ev) => (name.value = ev.currentTarget.value)}
      />
      <Button id="tag-add" type="submit" size="sm" variant="primary" busy={busy.value}>
        Add Tag
      </Button>
      <p id="tag-error" class="form-error" role="alert">
        {error.value}
      </p>
    </form>
  );
}

function TagsTab({ ctx, active, refreshCount }: TabProps) {
  const api = useMemo(() => tagsApi(ctx.api), [ctx.api]);
  const { state, reload } = useLoad(api.list);
  const query = useSignal('');
  useEffect(() => {
    const unsubscribers = [
      active.subscribe((on) => on && void reload()),
      refreshCount.subscribe((n) => n > 0 && void reload()),
    ];
    return () => unsubscribers.forEach((off) => off());
  }, []);

  const current = state.value;
  const all = current.kind === 'ready' ? current.data : null;
  const shown = all ? filterTags(all, query.value) : [];
  return (
    <div id="tags" class="organise-tab">
      <div class="panel-head">
        <div class="panel-title-row">
          <h2 class="panel-title">Tags</h2>
          <span class="panel-count" id="tags-count">
            {all ? `${all.length} ${all.length === 1 ? 'tag' : 'tags'}` : ''}
          </span>
        </div>
        <div class="toolbar">
          <input
            type="search"
            id="tags-search"
            class="input input-sm"
            placeholder="Search tags"
            aria-label="Search tags by name"
            aria-keyshortcuts="/ Control+K"
            value={query.value}
            onInput={(ev) => (query.value = ev.currentTarget.value)}
          />
          <Button size="sm" icon="refresh" onClick={() => void reload()}>
            Refresh
          </Button>
        </div>
      </div>
      <section class="card organise-card" aria-label="Tags" aria-busy={all ? 'false' : 'true'}>
        <AddTag api={api} added={() => void reload()} />
        {current.kind === 'loading' && (
          <p class="muted" role="status">
            Loading tags…
          </p>
        )}
        {current.kind === 'error' && (
          <ErrorState
            title="Could not load the tags"
            message={current.message}
            onRetry={() => void reload()}
          />
        )}
        {all && all.length === 0 && (
          <EmptyState icon="film" title="No tags yet">
            <p class="muted">Tags link related videos across categories; add the first one above.</p>
          </EmptyState>
        )}
        {all && all.length > 0 && shown.length === 0 && (
          <p class="muted" role="status">
            No tag matches “{query.value.trim()}”.
          </p>
        )}
        {shown.length > 0 && (
          <ul id="tags-list" class="organise-list">
            {shown.map((t) => (
              <TagRow key={t.id} tag={t} api={api} changed={() => void reload()} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const tagsTab = componentTab({ id: 'tags', label: 'Tags', Component: TagsTab });

/** One tag of the list (`li[data-tag-id][data-slug]`); deleting confirms with its name and video count. */
import { NamedItemRow, videoCount } from '../components/named-item-row.js';
import type { Tag } from '../../shared/types.js';
import type { TagsApi } from './tags-api.js';

export function TagRow(props: { tag: Tag; api: TagsApi; changed: () => void }) {
  const { tag, api } = props;
  return (
    <NamedItemRow
      item={tag}
      kind="Tag"
      maxLength={50}
      deleteMessage={`Delete the tag “${tag.name}”? It is removed from its ${videoCount(tag.video_count)}.`}
      rename={(name) => api.rename(tag.id, name)}
      remove={() => api.remove(tag.id)}
      changed={props.changed}
      attrs={{ 'data-tag-id': tag.id, 'data-slug': tag.slug }}
    />
  );
}

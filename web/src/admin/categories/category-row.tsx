/**
 * One category of the list (`li[data-category-id][data-slug]`); deleting confirms with its name and how
 * many videos lose it, and says its custom fields go too.
 */
import { NamedItemRow, videoCount } from '../components/named-item-row.js';
import type { Category } from '../../shared/types.js';
import type { CategoriesApi } from './categories-api.js';

export function CategoryRow(props: { category: Category; api: CategoriesApi; changed: () => void }) {
  const { category: c, api } = props;
  return (
    <NamedItemRow
      item={c}
      kind="Category"
      maxLength={100}
      deleteMessage={
        `Delete “${c.name}”? Its ${videoCount(c.video_count)} will have no category, ` +
        'and the custom fields of this category are deleted with their values.'
      }
      rename={(name) => api.update(c.id, { name })}
      remove={() => api.remove(c.id)}
      changed={props.changed}
      attrs={{ 'data-category-id': c.id, 'data-slug': c.slug }}
    />
  );
}

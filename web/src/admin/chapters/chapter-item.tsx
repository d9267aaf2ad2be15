/**
 * One chapter in the editor's list: its times, title and description, and Move up / Move down / Edit /
 * Delete (each labelled with the chapter's title for screen readers).
 *
 * Test hooks: `li[data-chapter-id]`, `[data-action="move-up"|"move-down"|"edit"|"delete"]`.
 */
import { Button } from '../components/button.js';
import { formatChapterTime } from './chapter-time.js';
import type { Chapter } from './chapters-api.js';

export interface ChapterItemProps {
  chapter: Chapter;
  first: boolean;
  last: boolean;
  /** Another action of the editor is running: every button waits. */
  locked: boolean;
  busy: 'move' | 'delete' | null;
  onMove: (step: -1 | 1) => void;
  onEdit: () => void;
  onDelete: () => void;
}

export function ChapterItem(props: ChapterItemProps) {
  const { chapter, locked } = props;
  const range =
    chapter.end_time != null
      ? `${formatChapterTime(chapter.start_time)} – ${formatChapterTime(chapter.end_time)}`
      : formatChapterTime(chapter.start_time);
  return (
    <>
      <span class="chapter-time">{range}</span>
      <div class="chapter-text">
        <span class="chapter-title">{chapter.title}</span>
        {chapter.description ? <span class="chapter-description muted">{chapter.description}</span> : null}
      </div>
      <div class="chapter-actions">
        <Button
          size="sm"
          variant="ghost"
          icon="arrow-up"
          data-action="move-up"
          aria-label={`Move “${chapter.title}” up`}
          title="Move up"
          disabled={locked || props.first}
          busy={props.busy === 'move'}
          onClick={() => props.onMove(-1)}
        />
        <Button
          size="sm"
          variant="ghost"
          icon="arrow-down"
          data-action="move-down"
          aria-label={`Move “${chapter.title}” down`}
          title="Move down"
          disabled={locked || props.last}
          busy={props.busy === 'move'}
          onClick={() => props.onMove(1)}
        />
        <Button
          size="sm"
          variant="ghost"
          icon="edit"
          data-action="edit"
          aria-label={`Edit “${chapter.title}”`}
          title="Edit"
          disabled={locked}
          onClick={props.onEdit}
        />
        <Button
          size="sm"
          variant="ghost-danger"
          icon="trash"
          data-action="delete"
          aria-label={`Delete “${chapter.title}”`}
          title="Delete"
          disabled={locked}
          busy={props.busy === 'delete'}
          onClick={props.onDelete}
        />
      </div>
    </>
  );
}

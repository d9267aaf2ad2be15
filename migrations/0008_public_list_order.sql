-- The public list of one category or one tag, newest first, read from an index in that order (issue 12's
-- latency targets). Before, both pages walked or joined every public video of the filter and sorted them.

-- 1. By category: a page reads its own index entries instead of walking every public video by date and
--    dropping the other categories' rows (at offset 144 of a twelfth of the catalogue, about 2,000 rows).
--    The list filters by `category_id = (select id … where slug = …)`, so the planner knows the id before
--    it scans and follows the index's order.
CREATE INDEX ix_videos_public_category ON videos (category_id, published_at DESC, id DESC)
  WHERE deleted_at IS NULL AND status = 'ready' AND published_at IS NOT NULL;

-- 2. By tag: each video_tags row carries its video's public_at (vlog_public_at: published_at while the
--    video is public, else NULL), as the search documents do (0003), kept by the triggers below. A tag's
--    page then walks ix_video_tags_public and joins its 25 videos, instead of testing every video of the
--    tag for visibility and sorting them (500 of 10,000: 3.4 ms a query, now 1.9 ms).
ALTER TABLE video_tags ADD COLUMN public_at TIMESTAMPTZ;
UPDATE video_tags vt SET public_at = vlog_public_at(v) FROM videos v WHERE v.id = vt.video_id;
CREATE INDEX ix_video_tags_public ON video_tags (tag_id, public_at DESC, video_id DESC)
  WHERE public_at IS NOT NULL;

-- A new link takes its video's visibility.
CREATE FUNCTION vlog_video_tags_public_at_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.public_at := (SELECT vlog_public_at(v) FROM videos v WHERE v.id = NEW.video_id);
  RETURN NEW;
END
$$;
CREATE TRIGGER tr_video_tags_public_at
  BEFORE INSERT OR UPDATE OF video_id ON video_tags
  FOR EACH ROW EXECUTE FUNCTION vlog_video_tags_public_at_trigger();

-- Publishing, archiving, a status change: as 0003, and the video's tag links follow.
CREATE OR REPLACE FUNCTION vlog_videos_visibility_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE video_search_documents SET public_at = vlog_public_at(NEW)
   WHERE video_id = NEW.id AND public_at IS DISTINCT FROM vlog_public_at(NEW);
  UPDATE video_tags SET public_at = vlog_public_at(NEW)
   WHERE video_id = NEW.id AND public_at IS DISTINCT FROM vlog_public_at(NEW);
  RETURN NULL;
END
$$;

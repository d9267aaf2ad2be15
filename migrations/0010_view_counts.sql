-- Each video's view count kept as sessions are recorded (issue 12's latency targets).
--
-- `view_count` is the number of a video's playback sessions, all time (api-public.md §2). Every list page
-- counted them for each of its 25 rows: 0.4 of the 1.4 ms a default page cost PostgreSQL on 10,000 videos
-- with 3 sessions each, growing with every view (a video watched 100,000 times meant counting 100,000
-- index entries on each page that shows it), and sorting by views counted them for every public video.
-- Now a page reads one row per video, whatever its views.

CREATE TABLE video_view_counts (
  video_id INTEGER PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE,
  view_count INTEGER NOT NULL DEFAULT 0
);

-- New sessions, counted per statement (a batch of sessions for one video is one update). Rows are written
-- in video order, so concurrent statements lock the same counters in the same order.
CREATE FUNCTION vlog_view_counts_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO video_view_counts (video_id, view_count)
  SELECT video_id, count(*) FROM added_sessions GROUP BY video_id ORDER BY video_id
  ON CONFLICT (video_id) DO UPDATE SET view_count = video_view_counts.view_count + excluded.view_count;
  RETURN NULL;
END
$$;
CREATE TRIGGER tr_playback_sessions_added
  AFTER INSERT ON playback_sessions
  REFERENCING NEW TABLE AS added_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION vlog_view_counts_added();

-- Removed sessions (a deleted video's go with its counter, which the cascade removes too).
CREATE FUNCTION vlog_view_counts_removed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE video_view_counts c SET view_count = c.view_count - r.n
    FROM (SELECT video_id, count(*) AS n FROM removed_sessions GROUP BY video_id) r
   WHERE c.video_id = r.video_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER tr_playback_sessions_removed
  AFTER DELETE ON playback_sessions
  REFERENCING OLD TABLE AS removed_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION vlog_view_counts_removed();

-- A session moved to another video (VLog never does; a hand-made fix might).
CREATE FUNCTION vlog_view_counts_moved() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE video_view_counts SET view_count = view_count - 1 WHERE video_id = OLD.video_id;
  INSERT INTO video_view_counts (video_id, view_count) VALUES (NEW.video_id, 1)
  ON CONFLICT (video_id) DO UPDATE SET view_count = video_view_counts.view_count + 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER tr_playback_sessions_moved
  AFTER UPDATE OF video_id ON playback_sessions
  FOR EACH ROW WHEN (OLD.video_id IS DISTINCT FROM NEW.video_id)
  EXECUTE FUNCTION vlog_view_counts_moved();

INSERT INTO video_view_counts (video_id, view_count)
SELECT video_id, count(*) FROM playback_sessions GROUP BY video_id;

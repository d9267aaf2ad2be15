-- The tags a list item shows, kept with the video's search document (issue 12's latency targets).
--
-- Every list item carries its tags as {id, name, slug} by name. Each page joined video_tags and tags for
-- each of its 25 rows: 0.3 of the 1.8 ms a default page cost PostgreSQL. The search document is already
-- rebuilt whenever a video's tags or a tag's name change, so it now keeps that JSON too, and a page reads it
-- with one primary-key look-up per row.

ALTER TABLE video_search_documents ADD COLUMN tags JSON NOT NULL DEFAULT '[]';

-- As 0006, plus the tags as a list item shows them.
CREATE OR REPLACE FUNCTION vlog_refresh_search_document(target INTEGER) RETURNS void
LANGUAGE sql AS $$
  WITH texts AS (
    SELECT v.id, v.title, v.description, vlog_public_at(v) AS public_at,
           (SELECT string_agg(t.name, ' ') FROM video_tags vt JOIN tags t ON t.id = vt.tag_id
             WHERE vt.video_id = v.id) AS tag_names,
           (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'slug', t.slug)
                                     ORDER BY t.name), '[]'::json)
              FROM video_tags vt JOIN tags t ON t.id = vt.tag_id WHERE vt.video_id = v.id) AS tags,
           (SELECT tr.transcript_text FROM transcriptions tr
             WHERE tr.video_id = v.id AND tr.status = 'completed') AS transcript
      FROM videos v
     WHERE v.id = target
  ), words AS (
    INSERT INTO search_words (word)
    SELECT DISTINCT w.lexeme
      FROM texts,
           unnest(to_tsvector('simple',
                              concat_ws(' ', texts.title, texts.tag_names, texts.description, texts.transcript))) AS w
     WHERE length(w.lexeme) BETWEEN 3 AND 40 AND w.lexeme !~ '^[0-9]+$'
    ON CONFLICT (word) DO NOTHING
  )
  INSERT INTO video_search_documents (video_id, document, public_at, tags)
  SELECT id,
         vlog_weighted_text(title, 'A') || vlog_weighted_text(tag_names, 'B')
      || vlog_weighted_text(description, 'C')
      || strip(to_tsvector('english', coalesce(transcript, '')) || to_tsvector('simple', coalesce(transcript, ''))),
         public_at,
         tags
    FROM texts
  ON CONFLICT (video_id) DO UPDATE
    SET document = excluded.document, public_at = excluded.public_at, tags = excluded.tags
$$;

-- A tag's slug is in the JSON too: a renamed or re-slugged tag rebuilds its videos' documents (0002
-- listened to the name only).
DROP TRIGGER tr_tags_search_document ON tags;
CREATE TRIGGER tr_tags_search_document
  AFTER UPDATE OF name, slug ON tags
  FOR EACH ROW EXECUTE FUNCTION vlog_tags_search_trigger();

-- A link's public_at (0008) moves with its video's visibility and changes nothing in the document.
DROP TRIGGER tr_video_tags_search_document ON video_tags;
CREATE TRIGGER tr_video_tags_search_document
  AFTER INSERT OR UPDATE OF video_id, tag_id OR DELETE ON video_tags
  FOR EACH ROW EXECUTE FUNCTION vlog_video_tags_search_trigger();

SELECT vlog_refresh_search_document(id) FROM videos;

-- The transcript in full-text search (issue 14): a video's completed transcript joins its search document
-- with weight D (below title A, tags B, description C: 0002 kept D for it), and its words join
-- search_words for the misspelling fallback. A trigger on transcriptions keeps the document current when a
-- transcription completes, its text is edited, it is queued again (no longer completed) or deleted.

-- As 0003, plus the completed transcript.
--
-- A tsvector holds at most 1 MB. A transcript may have 500,000 characters (security-reliability.md); of
-- words all different, indexed twice (stemmed and as written) with positions, that could pass the limit
-- and make the transcription's write fail. The transcript is therefore indexed without positions
-- (strip): each distinct word once, which keeps it well under the limit. Its rank still counts (ts_rank
-- weighs a stripped lexeme like one of weight D), and phrase search is not used by the search.
CREATE OR REPLACE FUNCTION vlog_refresh_search_document(target INTEGER) RETURNS void
LANGUAGE sql AS $$
  WITH texts AS (
    SELECT v.id, v.title, v.description, vlog_public_at(v) AS public_at,
           (SELECT string_agg(t.name, ' ') FROM video_tags vt JOIN tags t ON t.id = vt.tag_id
             WHERE vt.video_id = v.id) AS tag_names,
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
  INSERT INTO video_search_documents (video_id, document, public_at)
  SELECT id,
         vlog_weighted_text(title, 'A') || vlog_weighted_text(tag_names, 'B')
      || vlog_weighted_text(description, 'C')
      || strip(to_tsvector('english', coalesce(transcript, '')) || to_tsvector('simple', coalesce(transcript, ''))),
         public_at
    FROM texts
  ON CONFLICT (video_id) DO UPDATE SET document = excluded.document, public_at = excluded.public_at
$$;

CREATE FUNCTION vlog_transcriptions_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.video_id IS NOT NULL THEN
    PERFORM vlog_refresh_search_document(NEW.video_id);
  END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.video_id IS DISTINCT FROM NEW.video_id) THEN
    IF OLD.video_id IS NOT NULL THEN
      PERFORM vlog_refresh_search_document(OLD.video_id);
    END IF;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER tr_transcriptions_search_document
  AFTER INSERT OR UPDATE OF transcript_text, status, video_id OR DELETE ON transcriptions
  FOR EACH ROW EXECUTE FUNCTION vlog_transcriptions_search_trigger();

SELECT vlog_refresh_search_document(video_id) FROM transcriptions WHERE status = 'completed';

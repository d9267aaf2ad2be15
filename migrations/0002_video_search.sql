-- Ranked full-text search of videos (issue 12): a weighted search document per video, kept up to date by
-- triggers, with a GIN index; and trigram matching of titles for misspelt words when pg_trgm is available.

-- pg_trgm is optional: a PostgreSQL role that may not create extensions (or a server without contrib)
-- gets search without the misspelling fallback instead of a failed migration. The exception block runs
-- as a subtransaction, so the failure does not abort this migration's transaction.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'pg_trgm not available (%); search runs without the misspelling fallback', SQLERRM;
END
$$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX ix_videos_title_trgm ON videos USING gin (title gin_trgm_ops);
  END IF;
END
$$;

-- One row per video. Weights: title A, tag names B, description C; D is left for the transcript.
-- Each text is indexed twice: stemmed ('english': "videos" finds "video") and as written ('simple': a
-- prefix of a word the stemmer shortened, "runn" of "running", still matches).
CREATE TABLE video_search_documents (
  video_id INTEGER PRIMARY KEY REFERENCES videos (id) ON DELETE CASCADE,
  document TSVECTOR NOT NULL
);
CREATE INDEX ix_video_search_documents_document ON video_search_documents USING gin (document);

CREATE FUNCTION vlog_weighted_text(body TEXT, weight "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE AS $$
  SELECT setweight(to_tsvector('english', coalesce(body, '')), weight)
      || setweight(to_tsvector('simple', coalesce(body, '')), weight)
$$;

-- Rebuilds one video's document from its title, tags and description (nothing when the video is gone:
-- a video's deletion cascades to video_tags, whose trigger calls this).
CREATE FUNCTION vlog_refresh_search_document(target INTEGER) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO video_search_documents (video_id, document)
  SELECT v.id,
         vlog_weighted_text(v.title, 'A')
      || vlog_weighted_text((SELECT string_agg(t.name, ' ') FROM video_tags vt JOIN tags t ON t.id = vt.tag_id
                              WHERE vt.video_id = v.id), 'B')
      || vlog_weighted_text(v.description, 'C')
    FROM videos v
   WHERE v.id = target
  ON CONFLICT (video_id) DO UPDATE SET document = excluded.document
$$;

CREATE FUNCTION vlog_videos_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vlog_refresh_search_document(NEW.id);
  RETURN NULL;
END
$$;
CREATE TRIGGER tr_videos_search_document
  AFTER INSERT OR UPDATE OF title, description ON videos
  FOR EACH ROW EXECUTE FUNCTION vlog_videos_search_trigger();

CREATE FUNCTION vlog_video_tags_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM vlog_refresh_search_document(NEW.video_id);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM vlog_refresh_search_document(OLD.video_id);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER tr_video_tags_search_document
  AFTER INSERT OR UPDATE OR DELETE ON video_tags
  FOR EACH ROW EXECUTE FUNCTION vlog_video_tags_search_trigger();

-- A renamed tag changes the document of every video that carries it.
CREATE FUNCTION vlog_tags_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vlog_refresh_search_document(vt.video_id) FROM video_tags vt WHERE vt.tag_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER tr_tags_search_document
  AFTER UPDATE OF name ON tags
  FOR EACH ROW EXECUTE FUNCTION vlog_tags_search_trigger();

-- The search query of a list of words (letters and digits only, cut by the caller): each word as a
-- prefix, stemmed or as written, all words required. English stop words are dropped ("the matrix" finds
-- "Matrix"); NULL when no word is left.
CREATE FUNCTION vlog_search_query(words TEXT[]) RETURNS tsquery
LANGUAGE sql STABLE AS $$
  SELECT string_agg(format('(%s | %s)',
                           to_tsquery('english', w || ':*')::text,
                           to_tsquery('simple', w || ':*')::text), ' & ')::tsquery
    FROM unnest(words) AS w
   WHERE numnode(to_tsquery('english', w)) > 0
$$;

SELECT vlog_refresh_search_document(id) FROM videos;

-- Transcription as a job kind of the one job system (issue 14).
--
-- The seed's transcriptions table is the queue (pending → processing → completed | failed). Like
-- sprite_queue and reencode_queue it needs the claiming worker's row id (only that worker may report on
-- the job; its heartbeat keeps the lease alive) and, like reencode_queue, an attempts count (a crash or a
-- retryable failure counts one; the last fails the job for good). progress_percent is what the worker last
-- reported (0–100), for the admin UI.

ALTER TABLE transcriptions ADD COLUMN processed_by_worker_id INTEGER;
ALTER TABLE transcriptions ADD COLUMN retry_count INTEGER DEFAULT 0;
ALTER TABLE transcriptions ADD COLUMN progress_percent DOUBLE PRECISION;

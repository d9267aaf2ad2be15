-- Viewer analytics (issue 13): watched time from positions and the time between heartbeats.
--
-- The reference added a fixed 30 s per heartbeat whatever happened. Each heartbeat now credits the
-- playhead's forward progress since the previous beat, at most the wall time between them (see
-- src/domain/analytics/watch-time.ts). That needs the previous beat's time and position on the row.
-- No IP address is stored anywhere (viewers has no IP column; nothing here adds one).

ALTER TABLE playback_sessions ADD COLUMN last_heartbeat_at TIMESTAMPTZ;
ALTER TABLE playback_sessions ADD COLUMN last_position DOUBLE PRECISION DEFAULT 0;

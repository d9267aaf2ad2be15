// A video's captions as a finished transcription leaves them (pipeline.md §14): the WebVTT file in the video's
// directory and a completed `transcriptions` row pointing at it. Transcription itself is issue 14.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.types.js';
import { CAPTIONS_VTT } from '../../src/storage/storage-layout.js';

/** Writes `vtt` as the captions of video `videoId` (`slug`) under `dataDir`'s default storage. */
export async function addCaptions(
  db: Kysely<Database>,
  video: { dataDir: string; videoId: number; slug: string },
  vtt: string,
): Promise<void> {
  const dir = path.join(video.dataDir, 'storage', 'videos', video.slug);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, CAPTIONS_VTT);
  await writeFile(file, vtt);
  await db
    .insertInto('transcriptions')
    .values({ video_id: video.videoId, status: 'completed', completed_at: new Date(), vtt_path: file })
    .execute();
}

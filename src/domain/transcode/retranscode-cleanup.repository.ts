import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';

/** SQL half of the deferred retranscode cleanup (api-worker.md §4.3 step 4). */
export function createRetranscodeCleanupRepository(db: Kysely<Database>) {
  return {
    /**
     * After the files are gone: drops the quality rows (all, or the listed ones), the transcription
     * if asked, and the job's metadata, so a later re-claim of the same job does not clean again.
     * The worker regenerates thumbnail.jpg from the source, so the video's thumbnail becomes `auto`.
     */
    async finish(input: {
      jobId: number;
      videoId: number;
      all: boolean;
      qualities: string[];
      deleteTranscription: boolean;
    }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        if (input.all) {
          await trx.deleteFrom('video_qualities').where('video_id', '=', input.videoId).execute();
        } else if (input.qualities.length > 0) {
          await trx
            .deleteFrom('video_qualities')
            .where('video_id', '=', input.videoId)
            .where('quality', 'in', input.qualities)
            .execute();
        }
        if (input.deleteTranscription) {
          await trx.deleteFrom('transcriptions').where('video_id', '=', input.videoId).execute();
        }
        await trx
          .updateTable('videos')
          .set({ thumbnail_source: 'auto', thumbnail_timestamp: null })
          .where('id', '=', input.videoId)
          .execute();
        await trx
          .updateTable('transcoding_jobs')
          .set({ retranscode_metadata: null })
          .where('id', '=', input.jobId)
          .execute();
      });
    },
  };
}

export type RetranscodeCleanupRepository = ReturnType<typeof createRetranscodeCleanupRepository>;

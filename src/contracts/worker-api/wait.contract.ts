import { Type, type Static } from '@sinclair/typebox';

/** The long poll of idle workers (GET /api/worker/wait). */

export const WaitQuery = Type.Object({
  after: Type.Optional(
    Type.String({ maxLength: 64, description: 'The cursor of the previous answer; without it: at once' }),
  ),
  timeout: Type.Number({
    minimum: 0,
    maximum: 60,
    default: 10,
    description: 'Seconds to hold the request open at most',
  }),
});

export const WaitResponse = Type.Object({
  queued: Type.Boolean({ description: 'Work was queued after `after` (or `after` is unknown): claim now' }),
  cursor: Type.String({ description: 'Pass as `after` to the next wait' }),
});

export type WaitAnswer = Static<typeof WaitResponse>;

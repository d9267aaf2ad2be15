import { ErrorBody } from '../../contracts/api/common.contract.js';

/*
 * The wire shapes live in src/contracts/api; these are re-exported for the worker API's schemas, which
 * import them from here.
 */
export {
  ErrorBody,
  Id,
  IdParam,
  INT4_MAX,
  Int4,
  MAX_SECONDS,
  Nullable,
  Offset,
  Seconds,
  SlugParam,
  StatusOk,
} from '../../contracts/api/common.contract.js';

/** Standard error responses documented on every route. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorBody]));

/** OpenAPI security requirement of admin routes: the secret header or a session cookie. */
export const ADMIN_SECURITY: Array<Record<string, string[]>> = [{ adminSecret: [] }, { adminSession: [] }];

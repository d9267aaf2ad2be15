import { Type, type TSchema } from '@sinclair/typebox';

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const ErrorBody = Type.Object({ detail: Type.String() }, { $id: 'ErrorBody' });
export const StatusOk = Type.Object({ status: Type.String(), message: Type.Optional(Type.String()) });
export const IdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
export const SlugParam = Type.Object({ slug: Type.String({ maxLength: 255 }) });

/** Standard error responses documented on every route. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorBody]));

/** OpenAPI security requirement of admin routes: the secret header or a session cookie. */
export const ADMIN_SECURITY: Array<Record<string, string[]>> = [{ adminSecret: [] }, { adminSession: [] }];

import { Type, type Static } from '@sinclair/typebox';

/** Admin sign-in (api-admin.md §3): the session cookie and its CSRF token. */

export const LoginBody = Type.Object({ secret: Type.String({ maxLength: 1024 }) });

export const AuthState = Type.Object({
  authenticated: Type.Boolean(),
  message: Type.Optional(Type.String()),
  auth_required: Type.Optional(Type.Boolean()),
});
export type AuthState = Static<typeof AuthState>;

export const CsrfToken = Type.Object({ csrf_token: Type.String(), required: Type.Boolean() });
export type CsrfToken = Static<typeof CsrfToken>;

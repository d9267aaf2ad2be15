/**
 * Every protected admin route, gathered from the `*.routes.ts` files in this folder (one per area of the
 * API, each exporting `routes: AdminRoute[]`). A new /api route goes into its area's file — or a new
 * file here — and the guard test fails until it is listed.
 */
import type { AdminRoute } from './admin-route.js';

const areas = import.meta.glob<{ routes: AdminRoute[] }>('./*.routes.ts', { eager: true });

export const ADMIN_ROUTES: AdminRoute[] = Object.keys(areas)
  .sort()
  .flatMap((file) => areas[file]?.routes ?? []);
export type { AdminRoute, Method } from './admin-route.js';

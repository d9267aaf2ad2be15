/**
 * Moved to src/contracts/api/settings.contract.ts. This re-export remains only for the admin UI's
 * settings tab, which still imports it; web/ code imports the contracts (or web/src/shared/types.ts).
 */
export * from '../../contracts/api/settings.contract.js';

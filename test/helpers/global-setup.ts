import { prepareTemplates } from './test-db.js';

export default async function setup(): Promise<void> {
  await prepareTemplates();
}

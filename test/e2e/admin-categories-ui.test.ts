// The Categories and Tags tabs and the Custom Fields manager in real Chromium against `vlog serve`: empty
// states; a category added (a duplicate refused in the form), a select field scoped to it with three options
// created through the dialog and edited; a tag added, found by the search box, renamed and deleted; the
// category renamed, then deleted after a confirmation naming it and its video count, which takes its field
// along; the same manager as the Settings "Custom Fields" sub-tab.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Category } from '../../src/contracts/api/category.contract.js';
import type { CustomField, CustomFieldList } from '../../src/contracts/api/custom-field.contract.js';
import type { Tag } from '../../src/contracts/api/tag.contract.js';
import { adminJson, withoutExpected400 } from '../helpers/admin-json.js';
import { openAdmin, uploadViaApi, useServerAndBrowser } from '../helpers/admin-page.js';

const categoryRow = (page: Page, slug: string) => page.locator(`#categories-list li[data-slug="${slug}"]`);
const tagRow = (page: Page, slug: string) => page.locator(`#tags-list li[data-slug="${slug}"]`);

/** Answers the open confirmation dialog after checking it names what it should; returns its text. */
async function confirm(page: Page, ...mentions: string[]): Promise<void> {
  const dialog = page.locator('#confirm-dialog');
  await dialog.waitFor();
  for (const text of mentions) await expect.poll(() => dialog.textContent()).toContain(text);
  await page.click('#confirm-ok');
  await dialog.waitFor({ state: 'detached' });
}

describe('admin Categories and Tags tabs in Chromium', () => {
  const ctx = useServerAndBrowser();

  it('manages categories, a scoped select field and tags', async () => {
    const { server, browser } = ctx;
    const { page, errors } = await openAdmin(browser, server, '#categories');
    await page.locator('.empty-state', { hasText: 'No categories yet' }).waitFor();
    await page.locator('#field-create-first').waitFor();
    await page.screenshot({ path: '/tmp/fields-categories-empty.png', fullPage: true });

    // Add a category; the same name again is refused in the form.
    await page.fill('#category-name', 'Cooking');
    await page.fill('#category-description', 'Recipes and kitchen skills');
    await page.click('#category-add');
    await categoryRow(page, 'cooking').waitFor();
    await page.fill('#category-name', 'cooking');
    await page.click('#category-add');
    await expect
      .poll(() => page.locator('#category-error').textContent())
      .toBe('Category with this name already exists');
    const [cooking] = (await adminJson<Category[]>(server, 'GET', '/api/categories')).body;

    // A video in it (its bytes are no video: the worker fails it, but it counts) holding a field value later.
    const fake = path.join(os.tmpdir(), `fields-e2e-${process.pid}.mp4`);
    await writeFile(fake, 'not a video\n'.repeat(50));
    const { video_id } = await uploadViaApi(server, fake, 'Pancakes');
    const moved = await adminJson(server, 'POST', '/api/videos/bulk/update', {
      video_ids: [video_id],
      category_id: cooking!.id,
    });
    expect(moved.status).toBe(200);

    // The first field: a select scoped to Cooking, three options (one added with "Add option").
    await page.click('#field-create-first');
    await page.locator('#field-dialog').waitFor();
    await page.fill('#field-name', 'Difficulty Level');
    await page.selectOption('#field-type', 'select');
    await page.selectOption('#field-scope', String(cooking!.id));
    const options = page.locator('#field-options .option-input');
    await options.nth(0).fill('Easy');
    await options.nth(1).fill('Hard');
    await page.click('#field-option-add');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('option-input')))
      .toBe(true);
    await page.keyboard.type('Expert');
    await page.fill('#field-description', 'How hard the recipe is');
    await page.screenshot({ path: '/tmp/fields-field-dialog.png' });
    await page.click('#field-save');
    await page.locator('#field-dialog').waitFor({ state: 'detached' });
    const fieldRow = page.locator(
      `.field-group[data-scope="${cooking!.id}"] li[data-field-slug="difficulty-level"]`,
    );
    await fieldRow.waitFor();
    expect(await fieldRow.textContent()).toContain('Easy, Hard, Expert');
    const created = (await adminJson<CustomFieldList>(server, 'GET', '/api/custom-fields')).body.fields[0]!;
    expect(created).toMatchObject({
      field_type: 'select',
      category_id: cooking!.id,
      options: ['Easy', 'Hard', 'Expert'],
    });

    // Edit: the type and scope are fixed; the name and required change.
    await fieldRow.locator('[data-action="edit"]').click();
    await page.locator('#field-dialog').waitFor();
    expect(await page.locator('#field-type').isDisabled()).toBe(true);
    expect(await page.locator('#field-scope').isDisabled()).toBe(true);
    await page.fill('#field-name', 'Difficulty');
    await page.check('#field-required');
    await page.click('#field-save');
    await page.locator('#field-dialog').waitFor({ state: 'detached' });
    await page.locator('li[data-field-slug="difficulty"]', { hasText: 'Required' }).waitFor();
    const put = await adminJson(server, 'PUT', `/api/videos/${video_id}/custom-fields`, {
      values: { [created.id]: 'Hard' },
    });
    expect(put.status).toBe(200);
    await page.click('#categories-refresh');
    await expect
      .poll(() => categoryRow(page, 'cooking').locator('[data-testid="video-count"]').textContent())
      .toBe('1 video');
    await page.screenshot({ path: '/tmp/fields-categories.png', fullPage: true });

    // Tags: add two, search, rename one, delete the other.
    await page.click('#tab-tags');
    await page.locator('.empty-state', { hasText: 'No tags yet' }).waitFor();
    for (const name of ['Weeknight', 'Vegetarian']) {
      await page.fill('#tag-name', name);
      await page.click('#tag-add');
      await tagRow(page, name.toLowerCase()).waitFor();
    }
    await page.fill('#tags-search', 'veg');
    await tagRow(page, 'weeknight').waitFor({ state: 'detached' });
    await page.fill('#tags-search', '');
    await tagRow(page, 'weeknight').locator('[data-action="rename"]').click();
    await tagRow(page, 'weeknight').locator('[data-testid="rename-input"]').fill('Weeknight Dinner');
    await page.keyboard.press('Enter');
    await tagRow(page, 'weeknight-dinner').waitFor();
    await page.screenshot({ path: '/tmp/fields-tags.png', fullPage: true });
    await tagRow(page, 'vegetarian').locator('[data-action="delete"]').click();
    await confirm(page, 'Vegetarian', '0 videos');
    await tagRow(page, 'vegetarian').waitFor({ state: 'detached' });
    const tags = (await adminJson<Tag[]>(server, 'GET', '/api/tags')).body.map((t) => t.name);
    expect(tags).toEqual(['Weeknight Dinner']);

    // The same manager in Settings.
    await page.click('#tab-settings');
    await page.click('#settings-tab-custom-fields');
    await page.locator('#settings-panel-custom-fields li[data-field-slug="difficulty"]').waitFor();

    // Rename the category, then delete it: the confirmation names it and its video; its field goes too.
    await page.click('#tab-categories');
    await categoryRow(page, 'cooking').locator('[data-action="rename"]').click();
    await categoryRow(page, 'cooking').locator('[data-testid="rename-input"]').fill('Home Cooking');
    await categoryRow(page, 'cooking').locator('[data-action="save-rename"]').click();
    await categoryRow(page, 'home-cooking').waitFor();
    await page.locator('.field-group h4', { hasText: 'Home Cooking' }).waitFor();
    await categoryRow(page, 'home-cooking').locator('[data-action="delete"]').click();
    await confirm(page, 'Home Cooking', '1 video');
    await page.locator('.empty-state', { hasText: 'No categories yet' }).waitFor();
    await page.locator('#field-create-first').waitFor();
    expect((await adminJson<CustomField[]>(server, 'GET', `/api/custom-fields/${created.id}`)).status).toBe(
      404,
    );

    expect(withoutExpected400(errors)).toEqual([]);
  }, 120_000);
});

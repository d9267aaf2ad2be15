import { describe, expect, it } from 'vitest';
import { editBody, fromLocalInput, sameTags, toLocalInput, type EditForm } from './video-edit-form.js';

const form: EditForm = {
  title: 'A',
  description: 'd',
  categoryId: '3',
  publishedAt: '2024-01-15T10:30',
  featured: false,
  tagIds: [1, 2],
};

describe('video edit form', () => {
  it('round-trips a date through the local datetime-local value', () => {
    const iso = '2024-01-15T10:30:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(toLocalInput(null)).toBe('');
    expect(toLocalInput('garbage')).toBe('');
    expect(fromLocalInput('')).toBe('');
  });

  it('sends only the changed fields; no category is 0, no date is ""', () => {
    expect(editBody(form, { ...form })).toEqual({});
    expect(editBody(form, { ...form, title: 'B', categoryId: '', publishedAt: '', featured: true })).toEqual({
      title: 'B',
      category_id: 0,
      published_at: '',
      is_featured: true,
    });
    expect(editBody(form, { ...form, categoryId: '7' })).toEqual({ category_id: 7 });
  });

  it('compares tag sets in any order', () => {
    expect(sameTags([1, 2], [2, 1])).toBe(true);
    expect(sameTags([1, 2], [1])).toBe(false);
  });
});

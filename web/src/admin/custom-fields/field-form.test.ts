import { describe, expect, it } from 'vitest';
import type { CustomField } from '../../shared/types.js';
import { createBody, emptyForm, formOf, formProblems, updateBody } from './field-form.js';

describe('field form', () => {
  it('sends only the constraints of the chosen type, options only for selects, trimmed', () => {
    const form = {
      ...emptyForm('7'),
      name: ' Level ',
      field_type: 'select' as const,
      options: [' Easy ', '', 'Hard'],
      min: '1',
      pattern: 'x',
      description: '  ',
    };
    expect(createBody(form)).toEqual({
      name: 'Level',
      field_type: 'select',
      options: ['Easy', 'Hard'],
      required: false,
      category_id: 7,
      position: 0,
      constraints: null,
      description: null,
    });
    const number = {
      ...emptyForm(),
      name: 'N',
      field_type: 'number' as const,
      min: '0',
      max: '2.5',
      pattern: 'x',
    };
    expect(createBody(number)).toMatchObject({
      options: null,
      category_id: null,
      constraints: { min: 0, max: 2.5 },
    });
  });

  it('refuses what the server would: no name, non-numeric bounds, a bad position, a select without options', () => {
    const bad = { ...emptyForm(), field_type: 'multi_select' as const, options: [' '], position: '-1' };
    expect(formProblems({ ...bad, field_type: 'number', min: 'abc' })).toEqual([
      'A name is required',
      'Constraints must be numbers',
      'Position must be a whole number ≥ 0',
    ]);
    expect(formProblems(bad)).toContain('Add at least one option');
  });

  it('an edit round-trips a field and leaves out type and category', () => {
    const field: CustomField = {
      id: 3,
      name: 'Site',
      slug: 'site',
      field_type: 'url',
      options: null,
      required: true,
      category_id: 2,
      category_name: 'Docs',
      position: 4,
      constraints: { max_length: 80, pattern: 'https://' },
      description: 'Where',
      created_at: null,
      video_count: 0,
    };
    expect(updateBody(formOf(field))).toEqual({
      name: 'Site',
      required: true,
      position: 4,
      constraints: { max_length: 80, pattern: 'https://' },
      description: 'Where',
    });
  });
});

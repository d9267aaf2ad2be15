import { describe, expect, it } from 'vitest';
import { languageLabel } from './language-label.js';

describe('languageLabel', () => {
  it("names the captions' language in the viewer's language", () => {
    expect(languageLabel('en', ['en-GB'])).toMatch(/^English/);
    expect(languageLabel('de', ['en-US'])).toBe('German');
    expect(languageLabel('de', ['de-DE'])).toBe('Deutsch');
    expect(languageLabel('es', ['fr'])).toBe('espagnol');
  });

  it('falls back to the code for what is not a language code', () => {
    expect(languageLabel('not a code!', ['en'])).toBe('not a code!');
  });
});

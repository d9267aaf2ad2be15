import { describe, expect, it } from 'vitest';
import { snippetRuns } from './snippet.js';

describe('search snippet runs', () => {
  it('splits on the mark tags and decodes the escapes', () => {
    expect(snippetRuns('Rock &amp; roll <mark>jazz</mark> at &lt;b&gt;dusk&lt;/b&gt;')).toEqual([
      { text: 'Rock & roll ', marked: false },
      { text: 'jazz', marked: true },
      { text: ' at <b>dusk</b>', marked: false },
    ]);
  });

  it('keeps any other tag as text and decodes each entity once', () => {
    expect(snippetRuns('<mark>a</mark><img src=x onerror=alert(1)>&amp;lt;')).toEqual([
      { text: 'a', marked: true },
      { text: '<img src=x onerror=alert(1)>&lt;', marked: false },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { buildCaptionsVtt, buildCues, CUE_RULES, transcriptText, vttTimestamp, wrapWords } from './cues.js';

/** Words of `text` spoken back to back, 0.3 s each. */
const spoken = (text: string, from = 0, each = 0.3) =>
  text.split(' ').map((word, i) => ({ word, start: from + i * each, end: from + (i + 1) * each }));

describe('cue building', () => {
  it('keeps every cue within 2 lines of 42 characters and 6 seconds, losing no word', () => {
    const words = spoken(
      'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four',
    );
    const cues = buildCues(words);
    expect(cues.length).toBeGreaterThan(2);
    for (const c of cues) {
      const lines = c.text.split('\n');
      expect(lines.length).toBeLessThanOrEqual(CUE_RULES.maxLines);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(CUE_RULES.maxLineChars);
      expect(c.end - c.start).toBeLessThanOrEqual(CUE_RULES.maxSeconds);
    }
    expect(cues.map((c) => c.text.replace(/\n/g, ' ')).join(' ')).toBe(words.map((w) => w.word).join(' '));
    expect(cues[0]!.start).toBe(0);
  });

  it('starts a new cue after a pause over 0.8 s and after a sentence end', () => {
    const words = [...spoken('hello there'), ...spoken('after pause', 1.6), ...spoken('Done. Next', 2.5)];
    expect(buildCues(words).map((c) => c.text)).toEqual(['hello there', 'after pause Done.', 'Next']);
  });

  it('a pause of exactly 0.8 s does not split', () => {
    const words = [...spoken('a b'), ...spoken('c d', 1.4)];
    expect(buildCues(words)).toHaveLength(1);
  });

  it('cuts a long run of words at 6 s even without a pause', () => {
    const words = spoken('a b c d e f g h i j k l m n o', 0, 0.5);
    const cues = buildCues(words);
    expect(cues.map((c) => c.end - c.start)).toEqual([6, 1.5]);
  });

  it('wraps at word boundaries', () => {
    expect(wrapWords(['aaaa', 'bbbb', 'cccc'], 9)).toEqual(['aaaa bbbb', 'cccc']);
    expect(wrapWords(['x'.repeat(50)], 42)).toEqual(['x'.repeat(50)]);
  });

  it('writes the WebVTT of pipeline.md §14', () => {
    const vtt = buildCaptionsVtt([
      { start: 0, end: 4.2, text: ' first segment text ' },
      { start: 3725.5, end: 3726.0456, text: 'two\nlines' },
    ]);
    expect(vtt).toBe(
      'WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.200\nfirst segment text\n\n2\n01:02:05.500 --> 01:02:06.046\ntwo\nlines\n\n',
    );
    expect(buildCaptionsVtt([])).toBe('WEBVTT\n\n');
    expect(vttTimestamp(-1)).toBe('00:00:00.000');
  });

  it('joins the transcript with single spaces', () => {
    expect(transcriptText([...spoken(' a  b'), { word: ' ', start: 1, end: 2 }])).toBe('a b');
  });
});

// The control bar's pure parts: speed steps, `?t=` parsing, the share link, double-tap zones, buffered range.
import { describe, expect, it } from 'vitest';
import { bufferedAround } from './buffered-range.js';
import { shareUrl } from './share-dialog.js';
import { stepSpeed } from './speed-menu.js';
import { parseStartTime } from './start-time.js';
import { doubleTapZone } from './touch-gestures.js';

const ranges = (...pairs: Array<[number, number]>): TimeRanges => ({
  length: pairs.length,
  start: (i) => pairs[i]![0],
  end: (i) => pairs[i]![1],
});

describe('player logic', () => {
  it('steps the speed through 0.25–2 and stops at the ends', () => {
    expect(stepSpeed(1, 1)).toBe(1.25);
    expect(stepSpeed(1, -1)).toBe(0.75);
    expect(stepSpeed(2, 1)).toBe(2);
    expect(stepSpeed(0.25, -1)).toBe(0.25);
    expect(stepSpeed(1.1, 1)).toBe(1.25); // a rate set elsewhere snaps to the next one up
  });

  it('reads ?t= as seconds or h/m/s, refusing the malformed', () => {
    expect(parseStartTime('90')).toBe(90);
    expect(parseStartTime('1m30s')).toBe(90);
    expect(parseStartTime('1h2m3s')).toBe(3723);
    expect(parseStartTime('45s')).toBe(45);
    for (const bad of [null, '', 'abc', '-5', '1x', 'h']) expect(parseStartTime(bad)).toBeNull();
  });

  it('builds the share link with an optional whole-second start', () => {
    expect(shareUrl('http://v.test', 'my-video', null)).toBe('http://v.test/watch/my-video');
    expect(shareUrl('http://v.test', 'my-video', 12.7)).toBe('http://v.test/watch/my-video?t=12');
    expect(shareUrl('http://v.test', 'my-video', 0)).toBe('http://v.test/watch/my-video');
  });

  it('splits the player in thirds for double taps', () => {
    expect(doubleTapZone(10, 900)).toBe('back');
    expect(doubleTapZone(450, 900)).toBe('play');
    expect(doubleTapZone(890, 900)).toBe('forward');
  });

  it('picks the buffered range around the position, else the last one', () => {
    expect(bufferedAround(ranges([0, 5], [10, 20]), 12)).toEqual([10, 20]);
    expect(bufferedAround(ranges([0, 5], [10, 20]), 7)).toEqual([10, 20]);
    expect(bufferedAround(ranges([0, 5]), 3)).toEqual([0, 5]);
    expect(bufferedAround(ranges(), 3)).toBeNull();
  });
});

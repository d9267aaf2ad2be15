import { describe, expect, it } from 'vitest';
import {
  CaptionFormatError,
  vttTimestamp,
  plainText,
  toVttText,
  transcriptOf,
  wordCount,
} from './caption-cues.js';
import { parseSrt, srtToVtt } from './srt.js';
import { parseVtt } from './webvtt.js';

const SRT = [
  '1',
  '00:00:01,000 --> 00:00:04,200',
  'Hello <font color="#ffff00">there</font>',
  'second line',
  '',
  '2',
  '00:00:05,5 --> 00:01:02,050',
  '<i>Fish & chips</i> {\\an8}',
  '',
].join('\n');

describe('SRT to WebVTT', () => {
  it('converts comma millis, renumbers, strips <font>, keeps <i>, escapes &', () => {
    expect(srtToVtt(SRT).vtt).toBe(
      [
        'WEBVTT',
        '',
        '1',
        '00:00:01.000 --> 00:00:04.200',
        'Hello there',
        'second line',
        '',
        '2',
        '00:00:05.500 --> 00:01:02.050',
        '<i>Fish &amp; chips</i>',
        '',
        '',
      ].join('\n'),
    );
  });

  it('tolerates a byte-order mark, CRLF and lone CR line ends, and blocks without a number', () => {
    const crlf = '\uFEFF' + SRT.replace(/\n/g, '\r\n');
    expect(parseSrt(crlf)).toEqual(parseSrt(SRT));
    expect(parseSrt(SRT.replace(/\n/g, '\r'))).toEqual(parseSrt(SRT));
    const unnumbered = parseSrt('00:00:01,000 --> 00:00:02,000\nNo number\n');
    expect(unnumbered).toEqual([{ start: 1, end: 2, text: 'No number' }]);
  });

  it('renumbers from 1 whatever the file numbered, and keeps hours past 99', () => {
    const cues = parseSrt(
      '7\n100:00:00,000 --> 100:00:01,000\nlate\n\n9\n00:00:00,000 --> 00:00:01,000\nx\n',
    );
    expect(cues[0]).toEqual({ start: 360000, end: 360001, text: 'late' });
    expect(srtToVtt('42\n00:00:00,000 --> 00:00:01,000\nx\n').vtt).toContain('\n1\n00:00:00.000');
  });

  it('skips malformed blocks (bad time, end before start, no text) and keeps the rest', () => {
    const cues = parseSrt(
      '1\n00:00:xx,000 --> 00:00:01,000\nbad\n\n2\n00:00:05,000 --> 00:00:04,000\nbackwards\n\n' +
        '3\n00:00:01,000 --> 00:00:02,000\n<font color="red"></font>\n\n4\n00:00:03,000 --> 00:00:04,000\ngood\n',
    );
    expect(cues).toEqual([{ start: 3, end: 4, text: 'good' }]);
  });

  it.each([
    ['empty', ''],
    ['plain text', 'just some words\nand more'],
    ['a WebVTT file', 'WEBVTT\n\nno cue here'],
  ])('refuses %s with a reason', (_name, input) => {
    expect(() => parseSrt(input)).toThrow(CaptionFormatError);
    expect(() => parseSrt(input)).toThrow(/No well-formed subtitle/);
  });
});

describe('WebVTT validation', () => {
  it('reads cues with identifiers, settings, short timestamps, and skips NOTE/STYLE blocks', () => {
    const input =
      '\uFEFFWEBVTT - my captions\r\nKind: captions\r\n\r\nNOTE a comment\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\n' +
      'intro\r\n00:01.000 --> 00:04.000 line:0 position:10%\r\n<v Anna>Hello\r\n\r\n01:00:00.000 --> 01:00:01.500\r\nBye\r\n';
    const { vtt, cues } = parseVtt(input);
    expect(vtt.startsWith('WEBVTT - my captions\nKind')).toBe(true);
    expect(vtt).not.toContain('\r');
    expect(cues).toEqual([
      { start: 1, end: 4, text: '<v Anna>Hello', settings: 'line:0 position:10%' },
      { start: 3600, end: 3601.5, text: 'Bye' },
    ]);
  });

  it.each([
    ['no header', '00:00:01.000 --> 00:00:02.000\nHi\n', /first line must be "WEBVTT"/],
    [
      'a header glued to text',
      'WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nHi\n',
      /first line must be "WEBVTT"/,
    ],
    ['an SRT file', SRT, /first line must be "WEBVTT"/],
    ['no cue', 'WEBVTT\n\nNOTE nothing here\n', /No well-formed cue/],
    ['comma millis', 'WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nHi\n', /No well-formed cue/],
    ['end before start', 'WEBVTT\n\n00:00:03.000 --> 00:00:02.000\nHi\n', /No well-formed cue/],
  ])('refuses %s with a reason', (_name, input, reason) => {
    expect(() => parseVtt(input)).toThrow(CaptionFormatError);
    expect(() => parseVtt(input)).toThrow(reason);
  });
});

describe('cue text', () => {
  it('as plain transcript text: no markup, entities decoded, lines and cues joined by spaces', () => {
    expect(plainText('<v Anna><i>Fish &amp; chips</i>\nare &lt;good&gt;')).toBe('Fish & chips are <good>');
    const cues = parseVtt(
      'WEBVTT\n\n00:01.000 --> 00:02.000\nOne two\n\n00:02.000 --> 00:03.000\n<b>three</b>\n',
    ).cues;
    expect(transcriptOf(cues)).toBe('One two three');
    expect(wordCount(' One  two\nthree ')).toBe(3);
    expect(wordCount('')).toBe(0);
  });

  it('keeps only <b>, <i>, <u> and breaks up an arrow in WebVTT text', () => {
    expect(toVttText('<B class="x">bold</B> <span>a</span> x --> y < z')).toBe(
      '<b>bold</b> a x --&gt; y &lt; z',
    );
  });

  it('formats timestamps as HH:MM:SS.mmm', () => {
    expect(vttTimestamp(0)).toBe('00:00:00.000');
    expect(vttTimestamp(3723.4567)).toBe('01:02:03.457');
  });
});

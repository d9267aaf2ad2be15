import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './video-export.csv.js';

describe('CSV export', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['a=b', 'a=b'],
    ['', ''],
  ])('quotes and defuses %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes numbers, booleans and null as they are', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(2.5)).toBe('2.5');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
  });

  it('writes a header row and CRLF-terminated rows in column order', () => {
    const rows = [
      { id: 1, title: 'One, two', note: null },
      { id: 2, title: '=cmd', note: 'x' },
    ];
    expect(toCsv(['id', 'title', 'note'], rows)).toBe('id,title,note\r\n1,"One, two",\r\n2,\'=cmd,x\r\n');
    expect(toCsv(['id'], [])).toBe('id\r\n');
  });
});

import { describe, expect, it } from 'vitest';
import { fileTypeError, titleFromFileName } from './upload-file.js';
import { formatEta } from './upload-request.js';

describe('upload file rules', () => {
  it('suggests a title from the file name', () => {
    expect(titleFromFileName('my_holiday-video.final.mp4')).toBe('my holiday video final');
    expect(titleFromFileName('  clip++2024.MOV')).toBe('clip 2024');
    expect(titleFromFileName(`${'a'.repeat(300)}.mkv`)).toHaveLength(255);
  });

  it('refuses the extensions the server refuses, case-insensitively, and leaves no extension to the server', () => {
    expect(fileTypeError('a.MP4')).toBeNull();
    expect(fileTypeError('a.webm')).toBeNull();
    expect(fileTypeError('noextension')).toBeNull();
    expect(fileTypeError('notes.txt')).toBe(
      'Unsupported file type “.txt”. Allowed: .mp4, .mkv, .webm, .mov, .avi',
    );
  });
});

describe('time left of an upload', () => {
  it('reads in seconds, minutes or hours, and is empty while unknown', () => {
    expect(formatEta(0)).toBe('');
    expect(formatEta(Number.POSITIVE_INFINITY)).toBe('');
    expect(formatEta(4.2)).toBe('5 s left');
    expect(formatEta(125)).toBe('2 min 5 s left');
    expect(formatEta(3 * 3600 + 7 * 60)).toBe('3 h 7 min left');
  });
});

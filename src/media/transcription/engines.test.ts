import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEngine } from './choose-engine.js';
import { pcmWavSeconds } from './engine.js';
import { isoLanguage } from './languages.js';
import { parseVerboseJson, transcriptionEndpoint, wordsFromSegments } from './openai.engine.js';
import {
  buildPocketsphinxArgs,
  createPocketsphinxEngine,
  parsePocketsphinxLine,
} from './pocketsphinx.engine.js';
import { buildWhisperCppArgs, parseWhisperCppJson } from './whisper-cpp.engine.js';

describe('pocketsphinx output', () => {
  it('keeps words with their times and drops silences, fillers and the hypothesis line', () => {
    const out = [
      'the quick brown fox',
      '<s> 0.110 0.210 0.999500',
      'the 0.220 0.330 0.058465',
      'quick(2) 0.340 0.640 0.069822',
      '<sil> 0.650 0.900 1.000000',
      '[NOISE] 0.900 1.000 1.000000',
      '++BREATH++ 1.000 1.100 1.000000',
      'fox 1.400 1.550 0.283896',
      '</s> 6.000 6.050 1.000000',
    ];
    expect(out.map(parsePocketsphinxLine).filter(Boolean)).toEqual([
      { word: 'the', start: 0.22, end: 0.33 },
      { word: 'quick', start: 0.34, end: 0.64 },
      { word: 'fox', start: 1.4, end: 1.55 },
    ]);
  });

  it('names the model explicitly and asks for word times', () => {
    expect(buildPocketsphinxArgs('/t/a.wav', '/m')).toEqual([
      '-infile',
      '/t/a.wav',
      '-time',
      'yes',
      '-hmm',
      '/m/en-us',
      '-lm',
      '/m/en-us.lm.bin',
      '-dict',
      '/m/cmudict-en-us.dict',
    ]);
  });
});

describe('OpenAI verbose_json', () => {
  it('takes the word times and maps a language name to its code', () => {
    const r = parseVerboseJson(
      { language: 'english', words: [{ word: ' Hello', start: 0.1, end: 0.5 }, { word: 'x' }], segments: [] },
      null,
    );
    expect(r).toEqual({ language: 'en', words: [{ word: 'Hello', start: 0.1, end: 0.5 }] });
  });

  it('falls back to segments, spreading their words evenly', () => {
    expect(wordsFromSegments([{ start: 1, end: 2, text: ' one two ' }])).toEqual([
      { word: 'one', start: 1, end: 1.5 },
      { word: 'two', start: 1.5, end: 2 },
    ]);
    expect(parseVerboseJson({ segments: [{ start: 0, end: 1, text: 'hi' }] }, 'de').language).toBe('de');
  });

  it('builds the endpoint from http(s) base URLs only', () => {
    expect(transcriptionEndpoint('http://127.0.0.1:8080')?.href).toBe(
      'http://127.0.0.1:8080/v1/audio/transcriptions',
    );
    expect(transcriptionEndpoint('https://api.example.com/v1/')?.href).toBe(
      'https://api.example.com/v1/audio/transcriptions',
    );
    expect(transcriptionEndpoint('file:///etc/passwd')).toBeNull();
    expect(transcriptionEndpoint('not a url')).toBeNull();
  });

  it('normalises languages', () => {
    expect(isoLanguage('EN')).toBe('en');
    expect(isoLanguage('German')).toBe('de');
    expect(isoLanguage('')).toBeNull();
  });
});

describe('whisper.cpp', () => {
  it('asks for one word per segment in JSON and reads the offsets', () => {
    const args = buildWhisperCppArgs({
      binary: 'w',
      model: '/m.bin',
      wav: '/a.wav',
      outBase: '/a',
      language: null,
    });
    expect(args).toEqual(
      expect.arrayContaining(['-m', '/m.bin', '-f', '/a.wav', '-l', 'auto', '-ml', '1', '-sow', '-oj']),
    );
    expect(
      parseWhisperCppJson({
        result: { language: 'en' },
        transcription: [
          { offsets: { from: 0, to: 320 }, text: ' Hello' },
          { offsets: { from: 320, to: 400 }, text: ' [BLANK_AUDIO]' },
          { offsets: { from: 400, to: 900 }, text: ' world.' },
        ],
      }),
    ).toEqual({
      language: 'en',
      words: [
        { word: 'Hello', start: 0, end: 0.32 },
        { word: 'world.', start: 0.4, end: 0.9 },
      ],
    });
  });
});

describe('engines fail clearly without their model or binary', () => {
  let dir: string;
  let wav: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vlog-engines-'));
    wav = path.join(dir, 'a.wav');
    await writeFile(wav, Buffer.alloc(44 + 32000));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const settings = {
    apiUrl: '',
    apiModel: 'whisper-1',
    whisperCppBinary: 'whisper-cli',
    whisperCppModel: '',
  };

  it('whisper-cpp: says which model file is missing', async () => {
    const engine = chooseEngine({
      ...settings,
      engine: 'whisper-cpp',
      whisperCppModel: '/nonexistent/ggml-base.bin',
    });
    expect(await engine.available()).toEqual({
      ok: false,
      reason: 'model file not found: /nonexistent/ggml-base.bin',
    });
    await expect(engine.transcribe(wav, { language: null })).rejects.toThrow(
      'whisper-cpp is not available: model file not found: /nonexistent/ggml-base.bin',
    );
    expect((await chooseEngine({ ...settings, engine: 'whisper-cpp' }).available()).reason).toMatch(
      /no model file/,
    );
  });

  it('openai: refuses a missing or non-http(s) URL', async () => {
    expect((await chooseEngine({ ...settings, engine: 'openai' }).available()).reason).toMatch(
      /no server URL/,
    );
    const ftp = chooseEngine({ ...settings, engine: 'openai', apiUrl: 'ftp://host/' });
    await expect(ftp.transcribe(wav, { language: null })).rejects.toThrow('not an http(s) URL: ftp://host/');
  });

  it('pocketsphinx: a missing model or binary, and another language, are refused', async () => {
    const noModel = createPocketsphinxEngine({ modelDir: path.join(dir, 'none') });
    expect((await noModel.available()).reason).toMatch(/^model file not found: .*none\/en-us/);
    const noBinary = createPocketsphinxEngine({ binary: path.join(dir, 'pocketsphinx_continuous') });
    expect((await noBinary.available()).reason).toMatch(/not found \(install the Debian packages/);
    await expect(createPocketsphinxEngine().transcribe(wav, { language: 'fr' })).rejects.toThrow(
      /recognises English only \(language requested: fr\)/,
    );
  });

  it('reads a WAV duration from its size', () => {
    expect(pcmWavSeconds(44 + 32000)).toBe(1);
  });
});

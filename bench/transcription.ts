// Real-time factor of each transcription engine available here (issue 14): about 60 s of flite speech
// (test/helpers/speech-clip.ts, every sentence twice), extracted to the 16 kHz mono WAV the worker makes,
// then transcribed by each engine in turn. RTF = wall time / audio duration (below 1: faster than real
// time; it depends on the machine's load, the engine runs at nice 10); CPU RTF = the engine process's CPU
// seconds (user + system) / audio duration, what it costs on one core whatever the load; WER against the
// known text.
//
//   npm run bench:transcription [-- --runs 3 --api-url http://127.0.0.1:8080 --api-model whisper-1
//                                   --api-key KEY --whisper-binary whisper-cli --whisper-model ggml-base.en.bin]
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runFfmpeg } from '../src/media/run-ffmpeg.js';
import { buildAudioExtractArgs } from '../src/media/transcription/audio-extract.js';
import { chooseEngine } from '../src/media/transcription/choose-engine.js';
import { buildCues, transcriptText } from '../src/media/transcription/cues.js';
import { ENGINE_NAMES, pcmWavSeconds } from '../src/media/transcription/engine.js';
import { makeSpeechClip, wordErrorRate } from '../test/helpers/speech-clip.js';
import { loadAvg, table } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    'api-url': { type: 'string', default: '' },
    'api-model': { type: 'string', default: 'whisper-1' },
    'api-key': { type: 'string', default: '' },
    'whisper-binary': { type: 'string', default: 'whisper-cli' },
    'whisper-model': { type: 'string', default: '' },
  },
});
const runs = Math.max(1, Number(args.runs));

/** CPU seconds of this process's finished children (Linux: /proc/self/stat cutime + cstime, 100 ticks/s). */
async function childrenCpu(): Promise<number> {
  const fields = (await readFile('/proc/self/stat', 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

const clip = await makeSpeechClip({ repeat: 2 });
const dir = await mkdtemp(path.join(os.tmpdir(), 'vlog-bench-tx-'));
const wav = path.join(dir, 'audio.wav');
try {
  await runFfmpeg(buildAudioExtractArgs(clip.mp4, wav), { description: 'Audio extraction' });
  const audio = pcmWavSeconds((await stat(wav)).size);
  console.log(
    `speech: ${audio.toFixed(1)} s (${clip.sentences.length} sentences), ${runs} run(s) per engine, load ${loadAvg()}`,
  );
  const rows: (string | number)[][] = [];
  for (const name of ENGINE_NAMES) {
    const engine = chooseEngine({
      engine: name,
      apiUrl: args['api-url'],
      apiModel: args['api-model'],
      apiKey: args['api-key'],
      whisperCppBinary: args['whisper-binary'],
      whisperCppModel: args['whisper-model'],
    });
    const ready = await engine.available();
    if (!ready.ok) {
      rows.push([name, 'unavailable', '', '', '', '', '', ready.reason ?? '']);
      continue;
    }
    const walls: number[] = [];
    const cpus: number[] = [];
    let last = { text: '', cues: 0 };
    for (let i = 0; i < runs; i++) {
      const cpu0 = await childrenCpu();
      const t0 = performance.now();
      const heard = await engine.transcribe(wav, { language: 'en' });
      walls.push((performance.now() - t0) / 1000);
      cpus.push((await childrenCpu()) - cpu0);
      last = { text: transcriptText(heard.words), cues: buildCues(heard.words).length };
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const wall = median(walls);
    rows.push([
      name,
      (wall / audio).toFixed(3),
      wall.toFixed(2),
      name === 'openai' ? 'remote' : median(cpus).toFixed(2),
      name === 'openai' ? '' : (median(cpus) / audio).toFixed(3),
      `${(wordErrorRate(clip.text, last.text) * 100).toFixed(1)} %`,
      last.cues,
      '',
    ]);
  }
  console.log(table(['engine', 'RTF', 'wall s', 'CPU s', 'CPU RTF', 'WER', 'cues', 'note'], rows));
} finally {
  await rm(dir, { recursive: true, force: true });
}

/** The WAV every engine reads: 16 kHz mono signed 16-bit PCM (pipeline.md §14). */
export function buildAudioExtractArgs(input: string, output: string): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-i',
    input,
    '-vn',
    '-acodec',
    'pcm_s16le',
    '-ar',
    '16000',
    '-ac',
    '1',
    '-y',
    output,
  ];
}

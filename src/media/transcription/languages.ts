/**
 * Whisper servers answer `language` as an ISO code (whisper.cpp, faster-whisper) or as an English name
 * (OpenAI: "english"); transcriptions.language holds a code (VARCHAR(10)).
 */
const NAMES: Record<string, string> = {
  english: 'en',
  german: 'de',
  french: 'fr',
  spanish: 'es',
  italian: 'it',
  portuguese: 'pt',
  dutch: 'nl',
  russian: 'ru',
  polish: 'pl',
  ukrainian: 'uk',
  czech: 'cs',
  swedish: 'sv',
  danish: 'da',
  norwegian: 'no',
  finnish: 'fi',
  greek: 'el',
  turkish: 'tr',
  arabic: 'ar',
  hebrew: 'he',
  hindi: 'hi',
  chinese: 'zh',
  japanese: 'ja',
  korean: 'ko',
  vietnamese: 'vi',
  indonesian: 'id',
  thai: 'th',
  romanian: 'ro',
  hungarian: 'hu',
  catalan: 'ca',
};

/** An ISO 639 code for what a server said (a code, or a language name it knows); null when empty. */
export function isoLanguage(value: string | undefined | null): string | null {
  const v = (value ?? '').trim().toLowerCase();
  if (!v) return null;
  if (/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/.test(v) && v.length <= 10) return v;
  return NAMES[v] ?? v.slice(0, 10);
}

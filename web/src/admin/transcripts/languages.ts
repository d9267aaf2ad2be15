/**
 * The languages a transcription may be asked for: Whisper's ISO-639-1 codes. The server's list is the
 * contract (src/contracts/api/transcript.contract.ts); this record must name exactly those codes or the
 * build fails (`Record<WhisperLanguage, …>`), so the two cannot drift apart.
 */
import type { WhisperLanguage } from '../../shared/types.js';

/** Names Intl does not give (Whisper spells Javanese `jw`, not ISO's `jv`). */
const NAMED: Record<WhisperLanguage, string | null> = {
  en: null, zh: null, de: null, es: null, ru: null, ko: null, fr: null, ja: null, pt: null, tr: null,
  pl: null, ca: null, nl: null, ar: null, sv: null, it: null, id: null, hi: null, fi: null, vi: null,
  he: null, uk: null, el: null, ms: null, cs: null, ro: null, da: null, hu: null, ta: null, no: null,
  th: null, ur: null, hr: null, bg: null, lt: null, la: null, mi: null, ml: null, cy: null, sk: null,
  te: null, fa: null, lv: null, bn: null, sr: null, az: null, sl: null, kn: null, et: null, mk: null,
  br: null, eu: null, is: null, hy: null, ne: null, mn: null, bs: null, kk: null, sq: null, sw: null,
  gl: null, mr: null, pa: null, si: null, km: null, sn: null, yo: null, so: null, af: null, oc: null,
  ka: null, be: null, tg: null, sd: null, gu: null, am: null, yi: null, lo: null, uz: null, fo: null,
  ht: null, ps: null, tk: null, nn: null, mt: null, sa: null, lb: null, my: null, bo: null, tl: null,
  mg: null, as: null, tt: null, ln: null, ha: null, ba: null, jw: 'Javanese', su: null,
}; // prettier-ignore

function displayName(code: WhisperLanguage, names: Intl.DisplayNames | null): string {
  const fixed = NAMED[code];
  if (fixed) return fixed;
  const name = names?.of(code);
  return name && name !== code ? name : code;
}

/** Every language as `{code, name}`, sorted by name. */
export function languageOptions(): Array<{ code: WhisperLanguage; name: string }> {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    names = null;
  }
  return (Object.keys(NAMED) as WhisperLanguage[])
    .map((code) => ({ code, name: displayName(code, names) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A language code as people read it (`de` → German); codes outside the list as they are. */
export function languageName(code: string | null): string {
  if (!code) return 'Not set';
  return languageOptions().find((l) => l.code === code)?.name ?? code;
}

import { WHISPER_LANGUAGES, type WhisperLanguage } from '../../contracts/api/transcript.contract.js';
import { badRequest } from '../shared/errors.js';

const KNOWN = new Set<string>(WHISPER_LANGUAGES);

/**
 * Pure: a requested transcription language, lower-cased and checked against Whisper's list
 * (security-reliability.md: languages). Absent or blank → null (the engine detects it); unknown → 400.
 */
export function transcriptionLanguage(input: string | null | undefined): WhisperLanguage | null {
  const code = input?.trim().toLowerCase() ?? '';
  if (code === '') return null;
  if (!KNOWN.has(code))
    throw badRequest(
      `Unsupported language "${input?.trim().slice(0, 10)}": use the ISO-639-1 code of a language Whisper ` +
        'transcribes (e.g. en, de, fr, es, ja)',
    );
  return code as WhisperLanguage;
}

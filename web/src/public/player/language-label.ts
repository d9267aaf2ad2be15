/** A language's name in the viewer's language (`Intl.DisplayNames`): "German" or "Deutsch" for `de`. */
export function languageLabel(code: string, locales: readonly string[] = navigator.languages): string {
  try {
    return new Intl.DisplayNames([...locales, 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    // Not a language code Intl accepts: the code itself.
    return code;
  }
}

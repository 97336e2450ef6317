// Every language's translations, loaded into this process's translators: the server's (and the
// tests') view. A browser is given only its reader's language, by the layout.
import { CATALOGUE, type CodeEntry, type FindingCode } from '@/lib/model/catalogue';
import type { Locale } from './locale';
import { provideTranslations, type Translations } from './translate';
import { ZH, ZH_CATALOGUE } from './zh';

type Catalogue = Record<FindingCode, Pick<CodeEntry, 'meaning' | 'why' | 'fix'>>;

/** A finding without its own remedy says its code's fix: those are words like any other. */
function withFixes(words: Readonly<Record<string, string>>, catalogue: Catalogue) {
  const fixes = (Object.keys(CATALOGUE) as FindingCode[]).map((c) => [
    CATALOGUE[c].fix,
    catalogue[c].fix,
  ]);
  return { ...Object.fromEntries(fixes), ...words };
}

export const TRANSLATIONS: Partial<Record<Locale, Translations>> = {
  zh: { words: withFixes(ZH, ZH_CATALOGUE) },
};

/** The catalogue (what a code means, why, the fix) in a language; English is the source. */
export function catalogueEntry(locale: Locale, code: FindingCode) {
  return (locale === 'zh' ? ZH_CATALOGUE[code] : undefined) ?? CATALOGUE[code];
}

for (const [locale, translations] of Object.entries(TRANSLATIONS))
  provideTranslations(locale as Locale, translations);

// Every language's translations, loaded into this process's translators: the server's (and the
// tests') view. A browser is given only its reader's language, by the layout.
import type { Locale } from './locale';
import { provideTranslations, type Translations } from './translate';
import { ZH, ZH_CATALOGUE } from './zh';

export const TRANSLATIONS: Partial<Record<Locale, Translations>> = {
  zh: { words: ZH, catalogue: ZH_CATALOGUE },
};

for (const [locale, translations] of Object.entries(TRANSLATIONS))
  provideTranslations(locale as Locale, translations);

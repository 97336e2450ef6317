// The reader's language on the server: the switch's cookie, else the browser's Accept-Language.
import 'server-only';
import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE, pickLocale, type Locale } from '@/lib/i18n/locale';
import { translator, type Translator } from '@/lib/i18n/translate';
import { TRANSLATIONS } from '@/lib/i18n/all';

export async function requestLocale(): Promise<Locale> {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  return pickLocale(jar.get(LOCALE_COOKIE)?.value, h.get('accept-language'));
}

export async function requestTranslator(): Promise<Translator> {
  return translator(await requestLocale());
}

/** What a browser needs of its reader's language (nothing for English, the source). */
export function browserTranslations(locale: Locale) {
  return TRANSLATIONS[locale];
}

// The translator of one locale: UI words (`t('Diagnose')`, `t('{0} of {1} ready', a, b)`),
// and the messages built by the checks (`t.message(m)`). The catalogue's own translations are
// the server's (lib/i18n/all.ts): the page carries only what a finding says.
// English is the source: a key without a translation shows in English, and the i18n test fails.
import type { Finding } from '@/lib/model/finding';
import {
  MAX_MESSAGE_DEPTH,
  fill,
  isMessage,
  withoutFinalPeriod,
  type Message,
  type MessageArg,
} from './message';
import type { Locale } from './locale';

export interface Translator {
  (text: string, ...args: MessageArg[]): string;
  locale: Locale;
  message: (m: Message) => string;
}

/** A language's words: its dictionary, keyed by the English templates. */
export interface Translations {
  words: Readonly<Record<string, string>>;
}

/**
 * The translations this process holds. The server loads all of them (lib/i18n/all.ts); a
 * browser gets only its reader's, from the layout, so an English page carries no Chinese.
 */
const PROVIDED: Partial<Record<Locale, Translations>> = {};
const TRANSLATORS: Partial<Record<Locale, Translator>> = {};

export function provideTranslations(locale: Locale, translations: Translations): void {
  if (PROVIDED[locale] === translations) return;
  PROVIDED[locale] = translations;
  delete TRANSLATORS[locale];
}

function build(locale: Locale): Translator {
  const dictionary = PROVIDED[locale]?.words ?? {};
  // A message may come from outside (a shared bundle): anything that is not one, or is nested
  // deeper than the checks ever build, shows as nothing rather than breaking the page.
  const render = (m: Message, depth: number): string => {
    if (!isMessage(m) || depth > MAX_MESSAGE_DEPTH) return '';
    const template =
      locale === 'en' ? m.key : Object.hasOwn(dictionary, m.key) ? dictionary[m.key]! : m.key;
    const text = fill(template, m.args, (inner) => render(inner, depth + 1));
    return m.bare ? withoutFinalPeriod(text) : text;
  };
  const message = (m: Message): string => render(m, 0);
  const t = ((text: string, ...args: MessageArg[]) => message({ key: text, args })) as Translator;
  t.locale = locale;
  t.message = message;
  return t;
}

export function translator(locale: Locale): Translator {
  return (TRANSLATORS[locale] ??= build(locale));
}

/** Words the diagnosis holds in English and, when it is recent enough, as a message. */
export function said(t: Translator, text: string, message: Message | undefined): string {
  return isMessage(message) ? t.message(message) : text;
}

/** A finding's title in the reader's language (older frozen findings carry English only). */
export function findingTitle(f: Finding, t: Translator): string {
  return said(t, f.title, f.messages?.title);
}

/** What to do, in the reader's language (older frozen findings carry English only). */
export function findingRemedy(f: Finding, t: Translator): string {
  return said(t, f.remediation.text, f.messages?.remedy);
}

/** The keys of a message (and of the messages inside it) that the locale does not translate. */
export function untranslatedKeys(m: Message, locale: Locale): string[] {
  if (locale === 'en') return [];
  const own =
    m.key === '' ||
    /^[{}\d\s,;:·/()×→.-]*$/.test(m.key) ||
    Object.hasOwn(PROVIDED[locale]?.words ?? {}, m.key)
      ? []
      : [m.key];
  return [
    ...own,
    ...m.args.flatMap((a) => (typeof a === 'object' ? untranslatedKeys(a, locale) : [])),
  ];
}

'use client';
// The reader's language in the browser: the layout provides the locale the server chose, client
// components read it with `useT()`; components the server also renders take a `locale` prop.
import { createContext, useContext, type ReactNode } from 'react';
import type { Locale } from '@/lib/i18n/locale';
import {
  provideTranslations,
  translator,
  type Translations,
  type Translator,
} from '@/lib/i18n/translate';

const LocaleContext = createContext<Locale>('en');

export function LocaleProvider({
  locale,
  translations,
  children,
}: {
  locale: Locale;
  /** The reader's language, from the server: absent for English, the source. */
  translations?: Translations;
  children: ReactNode;
}) {
  // Before any child renders: the translators the components build read it (idempotent).
  if (translations) provideTranslations(locale, translations);
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): Translator {
  return translator(useContext(LocaleContext));
}

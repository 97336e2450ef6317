// The languages of the UI, findings and catalogue, and how the reader's is chosen: the switch's
// cookie first, then the browser's Accept-Language, then English.

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_COOKIE = 'hopscope.lang';

/**
 * Set by the switch for the one render that follows it: the reference of the diagnosis on
 * screen, so the diagnosis page draws that one again in the new language instead of a new run.
 */
export const SEEN_COOKIE = 'hopscope.seen';

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', zh: '中文' };

/** The `<html lang>` of each locale. */
export const LOCALE_TAGS: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The first language of an Accept-Language header this UI speaks, by quality (q) then order. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((l) => l.tag && l.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return null;
}

export function pickLocale(
  cookie: string | null | undefined,
  acceptLanguage?: string | null,
): Locale {
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(acceptLanguage) ?? 'en';
}

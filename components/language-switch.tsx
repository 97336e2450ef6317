'use client';
// English / 中文: remembered in a cookie (the server renders the next page in it), applied now.
import { useRouter } from 'next/navigation';
import { LOCALE_COOKIE, LOCALE_NAMES, LOCALES, type Locale } from '@/lib/i18n/locale';
import { useLocale, useT } from './locale';

/** A year in the cookie; outside the component, as a write to the document is no render's state. */
function remember(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}

export function LanguageSwitch() {
  const locale = useLocale();
  const t = useT();
  const router = useRouter();
  const choose = (next: Locale) => {
    remember(next);
    router.refresh();
  };
  return (
    <span className="language-switch" role="group" aria-label={t('Language')}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l === 'zh' ? 'zh-CN' : 'en'}
          aria-pressed={l === locale}
          onClick={() => choose(l)}
        >
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </span>
  );
}

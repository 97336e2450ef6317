'use client';
// English / 中文: remembered in a cookie (the server renders the next page in it), applied now.
// On a diagnosis page the page is rendered again from the diagnosis on screen (held by the
// server for Share), not run again: switching language mid-incident must not replace evidence.
import { useRouter } from 'next/navigation';
import { useEffect, useTransition } from 'react';
import {
  LOCALE_COOKIE,
  LOCALE_NAMES,
  LOCALE_TAGS,
  LOCALES,
  SEEN_COOKIE,
  type Locale,
} from '@/lib/i18n/locale';
import { useLocale, useT } from './locale';

/** Cookies are written outside the component: a write to the document is no render's state. */
function remember(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}
function showAgain(ref: string | null) {
  document.cookie = ref
    ? `${SEEN_COOKIE}=${encodeURIComponent(ref)}; path=/diagnose; max-age=30; samesite=strict`
    : `${SEEN_COOKIE}=; path=/diagnose; max-age=0; samesite=strict`;
}

export function LanguageSwitch({
  heldRef,
}: {
  /** The server's reference of the diagnosis on screen, when there is one. */
  heldRef?: string | null | Promise<string | null>;
}) {
  const locale = useLocale();
  const t = useT();
  const router = useRouter();
  const [switching, startSwitch] = useTransition();
  // Once the page is drawn again, a reload runs the diagnosis afresh as it always did.
  useEffect(() => {
    if (!switching) showAgain(null);
  }, [switching]);
  const choose = async (next: Locale) => {
    remember(next);
    showAgain((await heldRef) ?? null);
    startSwitch(() => router.refresh());
  };
  return (
    <span className="language-switch" role="group" aria-label={t('Language')}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={LOCALE_TAGS[l]}
          aria-pressed={l === locale}
          onClick={() => void choose(l)}
        >
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </span>
  );
}

'use client';
// Dark / light / follow the system, remembered in this browser. The layout's inline script
// applies the choice before the first paint, so nothing flashes.
import { useSyncExternalStore } from 'react';
import type { Translator } from '@/lib/i18n/translate';
import { useT } from './locale';

const KEY = 'hopscope.theme';
type Theme = 'system' | 'dark' | 'light';

const store = {
  read: (): Theme => {
    try {
      const v = localStorage.getItem(KEY);
      return v === 'dark' || v === 'light' ? v : 'system';
    } catch {
      return 'system';
    }
  },
  subscribe: (onChange: () => void) => {
    window.addEventListener('hopscope-theme', onChange);
    return () => window.removeEventListener('hopscope-theme', onChange);
  },
};

function apply(theme: Theme) {
  try {
    if (theme === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
  } catch {
    /* storage off: the choice lasts for this page */
  }
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  window.dispatchEvent(new Event('hopscope-theme'));
}

const NEXT: Record<Theme, Theme> = { system: 'dark', dark: 'light', light: 'system' };

const THEME_WORD: Record<Theme, (t: Translator) => string> = {
  system: (t) => t('system'),
  dark: (t) => t('dark'),
  light: (t) => t('light'),
};

export function ThemeToggle() {
  const t = useT();
  const theme = useSyncExternalStore(store.subscribe, store.read, () => 'system' as const);
  return (
    <button
      type="button"
      onClick={() => apply(NEXT[theme])}
      aria-label={t('Theme: {0}. Switch to {1}', THEME_WORD[theme](t), THEME_WORD[NEXT[theme]](t))}
    >
      ◐ {THEME_WORD[theme](t)}
    </button>
  );
}

/** Runs before hydration (inlined in the layout) to apply the remembered theme. */
/** Before first paint: the stored choice, or for an embed its `?theme=` (the runbook's theme). */
export const THEME_BOOT = `var t=null;try{t=localStorage.getItem('${KEY}')}catch(e){}if(location.pathname.indexOf('/embed/')===0){var q=new URLSearchParams(location.search).get('theme');if(q)t=q}if(t==='dark'||t==='light')document.documentElement.dataset.theme=t;`;

import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import { THEME_BOOT } from '@/components/theme-toggle';
import { LocaleProvider } from '@/components/locale';
import { LOCALE_TAGS } from '@/lib/i18n/locale';
import { browserTranslations, requestLocale } from '@/lib/server/locale';
import './globals.css';

export const metadata: Metadata = {
  title: 'Hopscope',
  description: 'Find the broken hop of a Kubernetes service access path.',
  icons: { icon: '/icon.svg' },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The proxy's per-request nonce: the Content-Security-Policy lets only this inline script run.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  const locale = await requestLocale();
  return (
    <html lang={LOCALE_TAGS[locale]} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_BOOT }} />
      </head>
      <body>
        <LocaleProvider locale={locale} translations={browserTranslations(locale)}>
          {children}
        </LocaleProvider>
      </body>
    </html>
  );
}

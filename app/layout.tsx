import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { THEME_BOOT } from '@/components/theme-toggle';
import './globals.css';

export const metadata: Metadata = {
  title: 'Hopscope',
  description: 'Find the broken hop of a Kubernetes service access path.',
  icons: { icon: '/icon.svg' },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT }} />
      </head>
      <body>{children}</body>
    </html>
  );
}

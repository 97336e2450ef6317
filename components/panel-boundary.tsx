'use client';
// One error boundary per step panel: a panel that fails to render says so and the other five stay.
// A class (error boundaries are), so the reader's language comes as a prop rather than a hook.
import { Component, type ReactNode } from 'react';
import type { Locale } from '@/lib/i18n/locale';
import { translator } from '@/lib/i18n/translate';

export class PanelBoundary extends Component<
  { name: string; locale: Locale; children: ReactNode },
  { error: Error | null }
> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    if (this.state.error) {
      const t = translator(this.props.locale);
      return (
        <section className="step" aria-label={t('{0}: could not be shown', this.props.name)}>
          <h2>{this.props.name}</h2>
          <p role="alert">
            {t(
              'This panel could not be shown ({0}); the other steps are unaffected.',
              this.state.error.message,
            )}
          </p>
        </section>
      );
    }
    return this.props.children;
  }
}

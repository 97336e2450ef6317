'use client';
// One error boundary per step panel: a panel that fails to render says so and the other five stay.
import { Component, type ReactNode } from 'react';

export class PanelBoundary extends Component<
  { name: string; children: ReactNode },
  { error: Error | null }
> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    if (this.state.error) {
      return (
        <section className="step" aria-label={`${this.props.name}: could not be shown`}>
          <h2>{this.props.name}</h2>
          <p role="alert">
            This panel could not be shown ({this.state.error.message}); the other steps are
            unaffected.
          </p>
        </section>
      );
    }
    return this.props.children;
  }
}

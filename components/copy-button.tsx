'use client';
import { useState } from 'react';
import { useT } from './locale';

/** `label`: the button's accessible name, already in the reader's language. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="copy"
      aria-label={label}
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {t(copied ? 'copied' : 'copy')}
    </button>
  );
}

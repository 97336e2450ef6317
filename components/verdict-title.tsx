'use client';
// The browser tab says the path and its verdict, so a row of incident tabs can be told apart.
// Next streams the page's metadata after the body, so its <title> can land after this effect
// ran: the title is put back whenever the head changes it.
import { useEffect } from 'react';

export function VerdictTitle({ title }: { title: string }) {
  useEffect(() => {
    const apply = () => {
      if (document.title !== title) document.title = title;
    };
    apply();
    const watch = new MutationObserver(apply);
    watch.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => watch.disconnect();
  }, [title]);
  return null;
}

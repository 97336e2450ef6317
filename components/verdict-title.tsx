'use client';
// The browser tab says the path and its verdict, so a row of incident tabs can be told apart.
// Next streams the page's metadata after the body, so its <title> can land after this effect
// ran: the title is put back whenever the head changes it. Several on one page (a frozen
// diagnosis and its run again): the one mounted last speaks, and every one applies that one, so
// they never undo each other.
import { useEffect } from 'react';

const mounted: { id: number; title: string }[] = [];
let nextId = 0;
let watch: MutationObserver | undefined;

function apply() {
  const latest = mounted.at(-1);
  if (latest && document.title !== latest.title) document.title = latest.title;
}

export function VerdictTitle({ title }: { title: string }) {
  useEffect(() => {
    const me = { id: nextId++, title };
    mounted.push(me);
    apply();
    watch ??= new MutationObserver(apply);
    watch.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => {
      mounted.splice(mounted.indexOf(me), 1);
      if (mounted.length === 0) {
        watch?.disconnect();
        watch = undefined;
      } else apply();
    };
  }, [title]);
  return null;
}

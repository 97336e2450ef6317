// Recent paths of this browser (localStorage), newest first. The URL is the whole path, so an
// entry is just the link and its description.
export interface RecentPath {
  href: string;
  label: string;
}

const KEY = 'hopscope.recent';
const MAX = 8;

export function parseRecent(text: string): RecentPath[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed)
      ? parsed.filter(
          (x): x is RecentPath => typeof x?.href === 'string' && typeof x?.label === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

/** localStorage as an external store for useSyncExternalStore (the raw text, so snapshots compare equal). */
export const recentStore = {
  read: (): string => {
    try {
      return localStorage.getItem(KEY) ?? '[]';
    } catch {
      return '[]';
    }
  },
  subscribe: (onChange: () => void): (() => void) => {
    window.addEventListener('storage', onChange);
    return () => window.removeEventListener('storage', onChange);
  },
};

export function readRecent(): RecentPath[] {
  return parseRecent(recentStore.read());
}

export function rememberPath(entry: RecentPath): void {
  try {
    const next = [entry, ...readRecent().filter((r) => r.href !== entry.href)].slice(0, MAX);
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    /* private mode or full storage: recents are a convenience */
  }
}

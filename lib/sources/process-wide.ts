// One value per server process. Next builds pages and route handlers as separate bundles, each
// with its own copy of a module's top-level state; limits, pools and caches that must hold for
// the whole process (a page render and an API call alike) live on globalThis under a name.
export function processWide<T>(name: string, make: () => T): T {
  const key = Symbol.for(`hopscope.${name}`);
  const store = globalThis as Record<symbol, unknown>;
  if (!(key in store)) store[key] = make();
  return store[key] as T;
}

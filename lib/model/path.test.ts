// The access path at the boundary: the forms the API, links and the scenario contract use.
import { describe, expect, it } from 'vitest';
import { parseAccessPath } from './path';

const base = { kind: 'clusterip', namespace: 'shop', service: 'web' };

describe('parseAccessPath', () => {
  it.each([
    ['30m', 30],
    ['45 min', 45],
    ['2h', 120],
    ['1d', 1440],
    [{ minutes: 30 }, 30],
    [undefined, 30],
  ])('reads the window %j as %i minutes', (window, minutes) => {
    const r = parseAccessPath({ ...base, window });
    expect(r.ok && r.path.window).toStrictEqual({ minutes });
  });

  it('refuses a window it cannot read, saying where', () => {
    const r = parseAccessPath({ ...base, window: '30 parsecs' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join(' ')).toMatch(/window/);
  });

  it('reads a port sent as the text "80" as the number 80, and keeps a port name', () => {
    const numeric = parseAccessPath({ ...base, port: '80' });
    const named = parseAccessPath({ ...base, port: 'http' });
    expect(numeric.ok && numeric.path.kind === 'clusterip' && numeric.path.port).toBe(80);
    expect(named.ok && named.path.kind === 'clusterip' && named.path.port).toBe('http');
  });
});

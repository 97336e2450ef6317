import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '@/lib/model/catalogue';

describe('the finding catalogue', () => {
  it('documents every code: meaning, why it breaks the path, how to fix', () => {
    for (const [code, entry] of Object.entries(CATALOGUE)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      for (const text of [entry.meaning, entry.why, entry.fix])
        expect(text.length, code).toBeGreaterThan(10);
    }
  });

  it('has no code that no check emits', () => {
    const dir = import.meta.dirname;
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    const unused = Object.keys(CATALOGUE).filter((code) => !source.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });
});

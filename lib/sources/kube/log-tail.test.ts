import { describe, expect, it } from 'vitest';
import { summarizeLogTail } from './collect';

describe('summarizeLogTail', () => {
  it('keeps when the container last wrote and its usual gap, not the lines', () => {
    const text = [
      '2026-11-23T10:00:00.000000000Z GET /cart 200',
      '2026-11-23T10:00:20.5Z GET /a 200',
      '2026-11-23T10:00:45Z GET /b 200',
      '',
    ].join('\n');
    expect(summarizeLogTail('web', text)).toEqual({
      container: 'web',
      lines: 3,
      lastAt: '2026-11-23T10:00:45.000Z',
      medianGapSeconds: 24.5,
    });
  });
  it('an empty log has no last line', () => {
    expect(summarizeLogTail('web', '')).toEqual({
      container: 'web',
      lines: 0,
      lastAt: null,
      medianGapSeconds: null,
    });
  });
});

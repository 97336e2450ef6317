import { describe, expect, it } from 'vitest';
import { DeadlinePassedError } from '@/lib/sources/concurrency';
import { toSourceIssue } from './api';

describe('toSourceIssue', () => {
  it('says what went wrong on the network without the address or port', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 10.20.30.40:6443'), {
        code: 'ECONNREFUSED',
      }),
    });
    const issue = toSourceIssue('get Service shop/web', refused);
    expect(issue).toMatchObject({ kind: 'unreachable', what: 'get Service shop/web' });
    expect(issue.message).toBe('the API server refused the connection (is it running?)');
    const odd = toSourceIssue(
      'x',
      Object.assign(new Error('at 10.20.30.40'), { code: 'EWHATEVER' }),
    );
    expect(odd.message).toBe('the connection to the API server failed (EWHATEVER)');
    expect(toSourceIssue('x', new Error('socket 10.20.30.40:6443 hung')).message).not.toContain(
      '10.20.30.40',
    );
  });

  it("names the diagnosis' deadline when that is what cut a call off", () => {
    expect(toSourceIssue('list Nodes', new DeadlinePassedError(20_000))).toMatchObject({
      kind: 'timeout',
      message: "the diagnosis' deadline of 20 s passed first",
    });
  });
});

import { describe, expect, it } from 'vitest';
import { cmd, commandProblems, destructive } from '@/lib/testing/commands';
import { inContext, sh } from './command';

describe('sh', () => {
  it('quotes every value and marks a verb that changes the cluster', () => {
    expect(sh`kubectl delete pod -n ${'shop'} ${'web-1; rm -rf /'}`).toStrictEqual(
      destructive(`kubectl delete pod -n shop 'web-1; rm -rf /'`),
    );
    expect(sh`kubectl rollout restart -n ${'shop'} deployment/web`.destructive).toBe(true);
    expect(sh`kubectl rollout status -n ${'shop'} deployment/web`.destructive).toBe(false);
    // A value that spells a verb is a value, not the verb.
    expect(sh`kubectl logs -n ${'delete'} web`).toStrictEqual(cmd('kubectl logs -n delete web'));
  });
});

describe('inContext', () => {
  it('names the context after every kubectl outside quotes, and nowhere else', () => {
    const c = sh`printf '%s\\n' ${`{"a":"it's | kubectl x"}`} | kubectl apply -f -`;
    expect(inContext(c, 'prod eu').text).toBe(
      `printf '%s\\n' '{"a":"it'\\''s | kubectl x"}' | kubectl --context 'prod eu' apply -f -`,
    );
    expect(
      inContext(sh`kubectl get pods -o name | xargs kubectl logs --tail=50`, 'kind-a').text,
    ).toBe(
      'kubectl --context kind-a get pods -o name | xargs kubectl --context kind-a logs --tail=50',
    );
    expect(inContext(cmd('dig +short shop.example.com'), 'kind-a').text).toBe(
      'dig +short shop.example.com',
    );
    expect(inContext(cmd('kubectl get pods'), undefined).text).toBe('kubectl get pods');
  });
});

describe('the command lint', () => {
  it.each([
    [cmd('kubectl logs -n shop <pod>'), 'has a <placeholder>'],
    [cmd('kubectl logs -n shop POD'), 'has an upper-case placeholder'],
    [cmd('kubectl logs -n shop x; touch /tmp/owned'), 'has unquoted ;'],
    [cmd('kubectl delete pod -n shop web-1'), 'kubectl delete pod is not marked destructive'],
    [
      cmd('kubectl --context kind-a drain worker-1'),
      'kubectl drain worker-1 is not marked destructive',
    ],
  ])('%o: %s', (c, problem) => expect(commandProblems(c)).toContain(problem));
  it('passes quoted values and pipes between commands', () =>
    expect(
      commandProblems(cmd(`kubectl logs -n shop 'x; y' --tail=100 | grep -i -A3 error`)),
    ).toEqual([]));
});

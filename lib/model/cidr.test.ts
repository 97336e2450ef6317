import { describe, expect, it } from 'vitest';
import { inCidr } from './cidr';

describe('inCidr', () => {
  it.each([
    ['10.244.1.10', '10.244.0.0/16', true],
    ['10.245.1.10', '10.244.0.0/16', false],
    ['10.244.1.10', '10.244.1.10/32', true],
    ['10.244.1.11', '10.244.1.10/32', false],
    ['192.168.1.1', '0.0.0.0/0', true],
    ['fd00::1:a', 'fd00::/64', true],
    ['fd00:0:0:1::a', 'fd00::/64', false],
    ['2001:db8::1', '::/0', true],
    ['10.0.0.1', '::/0', false],
    ['fd00::1', '0.0.0.0/0', false],
  ] as const)('%s in %s is %s', (ip, cidr, want) => expect(inCidr(ip, cidr)).toBe(want));
  it.each([
    ['10.0.0.300', '10.0.0.0/8'],
    ['10.0.0.1', '10.0.0.0/33'],
    ['10.0.0.1', '10.0.0.0'],
    ['fd00:::1', 'fd00::/16'],
  ])('cannot tell %s in %s', (ip, cidr) => expect(inCidr(ip, cidr)).toBeNull());
});

// IP addresses against CIDR blocks (NetworkPolicy ipBlock), IPv4 and IPv6, without a library.

interface Parsed {
  bits: 32 | 128;
  value: bigint;
}

function parseV4(ip: string): Parsed | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    value = (value << 8n) | BigInt(Number(p));
  }
  return { bits: 32, value };
}

function parseV6(ip: string): Parsed | null {
  const halves = ip.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  let value = 0n;
  for (const g of [
    ...head,
    ...Array<string>(halves.length === 2 ? missing : 0).fill('0'),
    ...tail,
  ]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return { bits: 128, value };
}

export function parseIp(ip: string): Parsed | null {
  return ip.includes(':') ? parseV6(ip) : parseV4(ip);
}

/** Whether ip lies in cidr; null when either cannot be parsed. Families never match each other. */
export function inCidr(ip: string, cidr: string): boolean | null {
  const [net, lenText] = cidr.split('/');
  const addr = parseIp(ip);
  const base = parseIp(net ?? '');
  if (!addr || !base || lenText === undefined || !/^\d{1,3}$/.test(lenText)) return null;
  const len = Number(lenText);
  if (len > base.bits) return null;
  if (addr.bits !== base.bits) return false;
  const shift = BigInt(base.bits - len);
  return addr.value >> shift === base.value >> shift;
}

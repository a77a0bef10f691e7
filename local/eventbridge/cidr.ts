// IPv4 and IPv6 CIDR blocks for EventBridge's `cidr` operator: parsed when a pattern is checked, tested when an
// event is matched.

// Both families become 16-bit groups (IPv4: 2, IPv6: 8) so one prefix comparison serves both.
export function cidrContains(cidr: string, ip: string): boolean {
  const net = parseCidr(cidr);
  const addr = ipGroups(ip);
  if (!net || !addr || addr.length !== net.groups.length) return false;
  for (let i = 0, bits = net.length; bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if (((addr[i] ?? 0) & mask) !== ((net.groups[i] ?? 0) & mask)) return false;
  }
  return true;
}

export function parseCidr(cidr: string): { groups: number[]; length: number } | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  const groups = m ? ipGroups(m[1] ?? '') : undefined;
  const length = Number(m?.[2]);
  return groups && length <= groups.length * 16 ? { groups, length } : undefined;
}

function ipGroups(ip: string): number[] | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) {
    const [a = 0, b = 0, c = 0, d = 0] = v4.slice(1).map(Number);
    return [a, b, c, d].every((o) => o <= 255) ? [(a << 8) | b, (c << 8) | d] : undefined;
  }
  const halves = ip.split('::');
  const parts = halves.map((h) => (h === '' ? [] : h.split(':')));
  if (halves.length > 2 || !/^[0-9a-f:.]+$/i.test(ip)) return undefined;
  const groups = parts.map((p) =>
    p.flatMap((g) =>
      g.includes('.') ? (ipGroups(g) ?? [NaN]) : /^[0-9a-f]{1,4}$/i.test(g) ? [parseInt(g, 16)] : [NaN],
    ),
  );
  const [head = [], tail = []] = groups;
  const missing = 8 - head.length - tail.length;
  if ([...head, ...tail].some(Number.isNaN) || (halves.length === 2 ? missing < 1 : missing !== 0)) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

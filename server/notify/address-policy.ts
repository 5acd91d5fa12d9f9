// Which addresses a webhook may reach: public unicast ones only. Loopback, private, shared,
// link-local, unique-local, multicast, reserved and documentation ranges are refused, in every
// spelling an address can take (IPv4-mapped, -compatible, NAT64 and 6to4 forms of IPv4 included).
import { isIP } from 'node:net'
import { ipv6Groups } from '../http/client-ip'

/** [first address as a 32-bit number, prefix length, what it is]. */
const IPV4_REFUSED: [number, number, string][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
].map(([base, bits, what]) => [ipv4Number(String(base)), Number(bits), String(what)])

function ipv4Number(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}

function refusedIpv4(value: number): string | null {
  for (const [base, bits, what] of IPV4_REFUSED) {
    const size = 2 ** (32 - bits)
    if (value >= base && value < base + size) return what
  }
  return null
}

/** The IPv4 address in groups 6 and 7 (or `at`, `at + 1`) as a number. */
const embedded = (groups: number[], at = 6) => groups[at] * 65536 + groups[at + 1]

function refusedIpv6(groups: number[]): string | null {
  const [g0, g1, g2] = groups
  const zeroTo = (n: number) => groups.slice(0, n).every((g) => g === 0)
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible; :: and ::1 among them).
  if (zeroTo(5) && (groups[5] === 0xffff || groups[5] === 0)) return refusedIpv4(embedded(groups))
  if (g0 === 0x64 && g1 === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) {
    return refusedIpv4(embedded(groups)) // NAT64 of an IPv4 address
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return 'NAT64 local use'
  if (g0 === 0x2002) return refusedIpv4(embedded(groups, 1)) // 6to4
  if (g0 === 0x2001 && g1 === 0) return 'Teredo'
  if (g0 === 0x2001 && g1 === 0xdb8) return 'documentation'
  if (g0 === 0x100 && groups.slice(1, 4).every((g) => g === 0)) return 'discard'
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local'
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local'
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local'
  if ((g0 & 0xff00) === 0xff00) return 'multicast'
  return null
}

/** Why a webhook may not reach `address` (e.g. "loopback"), or null if it may. */
export function refusedAddress(address: string): string | null {
  if (isIP(address) === 4) return refusedIpv4(ipv4Number(address))
  const groups = ipv6Groups(address)
  return groups ? refusedIpv6(groups) : 'not an IP address'
}

import { describe, expect, it } from 'vitest'
import { classifyIpAddress, formatIPv6, isPublicAddress, normalizeHost, parseIPv4, parseIPv6, parseIpAddress } from './ip-address'

describe('parseIPv4: every notation resolvers and browsers accept', () => {
  it.each([
    ['127.0.0.1', [127, 0, 0, 1]],
    ['127.0.0.1.', [127, 0, 0, 1]],
    ['2130706433', [127, 0, 0, 1]],
    ['0x7f000001', [127, 0, 0, 1]],
    ['0X7F000001', [127, 0, 0, 1]],
    ['0x7f.0.0.1', [127, 0, 0, 1]],
    ['0x7f.0x0.0x0.0x1', [127, 0, 0, 1]],
    ['0177.0.0.1', [127, 0, 0, 1]],
    ['0177.0000.0000.0001', [127, 0, 0, 1]],
    ['017700000001', [127, 0, 0, 1]],
    ['127.1', [127, 0, 0, 1]],
    ['127.0.1', [127, 0, 0, 1]],
    ['10.1', [10, 0, 0, 1]],
    ['0x7f.1', [127, 0, 0, 1]],
    ['0177.1', [127, 0, 0, 1]],
    ['0xa9.254.0251.0xfe', [169, 254, 169, 254]],
    ['169.254.43518', [169, 254, 169, 254]],
    ['2852039166', [169, 254, 169, 254]],
    ['0', [0, 0, 0, 0]],
    ['0x', [0, 0, 0, 0]],
    ['4294967295', [255, 255, 255, 255]],
    ['8.8.8.8', [8, 8, 8, 8]],
    ['192.168.257', [192, 168, 1, 1]]
  ])('%s → %j', (text, bytes) => {
    expect(parseIPv4(text)).toEqual(bytes)
  })

  it.each(['256.0.0.1', '4294967296', '1.2.3.4.5', '08.0.0.1', '1..2', '', '.', 'example.com', '1.2.3.x', '0x1g', '1.2.3.256', '1.2.65536'])(
    '%s is not IPv4',
    (text) => {
      expect(parseIPv4(text)).toBeNull()
    }
  )
})

describe('parseIPv6', () => {
  it.each([
    ['::1', '::1'],
    ['[::1]', '::1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['::', '::'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
    ['::ffff:7f00:1', '::ffff:7f00:1'],
    ['::127.0.0.1', '::7f00:1'],
    ['64:ff9b::10.0.0.1', '64:ff9b::a00:1'],
    ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['[fe80::1%25eth0]', 'fe80::1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304']
  ])('%s → %s', (text, canonical) => {
    expect(parseIpAddress(text)?.canonical).toBe(canonical)
  })

  it('keeps the zone id', () => {
    expect(parseIPv6('[fe80::1%25eth0]')?.zone).toBe('eth0')
  })

  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', ':::', 'g::1', '::1.2.3', '1:2:3:4:5:6:7:1.2.3.4', 'fe80::1%', 'example.com'])('%s is not IPv6', (text) => {
    expect(parseIPv6(text)).toBeNull()
  })

  it('formats RFC 5952', () => {
    expect(formatIPv6([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1])).toBe('2001:db8::1:0:0:1')
  })
})

describe('classifyIpAddress', () => {
  it.each([
    // IPv4
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f000001', 'loopback'],
    ['0x7f.0.0.1', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['017700000001', 'loopback'],
    ['127.1', 'loopback'],
    ['127.0.0.1.', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['169.254.169.254', 'cloud-metadata'],
    ['0xa9fea9fe', 'cloud-metadata'],
    ['100.100.100.200', 'cloud-metadata'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['8.8.8.8', 'public'],
    ['172.15.255.255', 'public'],
    ['172.32.0.1', 'public'],
    ['100.63.255.255', 'public'],
    ['100.128.0.1', 'public'],
    ['1.1.1.1', 'public'],
    // IPv6
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fd00:ec2::254', 'cloud-metadata'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'cloud-metadata'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'loopback'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b::808:808', 'public'],
    ['64:ff9b:1::1', 'reserved'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
    ['2002:808:808::1', 'public'],
    ['2001::1', 'reserved'],
    ['100::1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:81b::200e', 'public'],
    ['4000::1', 'reserved']
  ])('%s is %s', (text, kind) => {
    const c = classifyIpAddress(text)
    expect(c?.kind).toBe(kind)
    expect(c?.isPublic).toBe(kind === 'public')
    expect(isPublicAddress(text)).toBe(kind === 'public')
  })

  it('names the IPv4 address an IPv6 wrapper carries', () => {
    expect(classifyIpAddress('::ffff:7f00:1')).toMatchObject({ via: 'ipv4-mapped', embedded: '127.0.0.1' })
    expect(classifyIpAddress('64:ff9b::a00:1')).toMatchObject({ via: 'nat64', embedded: '10.0.0.1' })
    expect(classifyIpAddress('2002:c0a8:101::1')).toMatchObject({ via: '6to4', embedded: '192.168.1.1' })
  })

  it('a host name is not an address and not public', () => {
    expect(classifyIpAddress('example.com')).toBeNull()
    expect(isPublicAddress('example.com')).toBe(false)
  })

  it('normalizes hosts', () => {
    expect(normalizeHost('[::1]')).toBe('::1')
    expect(normalizeHost('Example.COM.')).toBe('example.com')
  })
})

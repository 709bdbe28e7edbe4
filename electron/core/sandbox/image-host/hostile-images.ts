import { crc32, deflateSync } from 'node:zlib'

/**
 * Images built byte by byte that a stranger's server could send as an avatar: small on the wire,
 * costly to decode. One copy for the sandbox's image host, the hostile-image tests and the avatar
 * benchmark, so all three measure the same files.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** One PNG chunk: length, type, data, CRC. */
export const pngChunk = (type: string, data: Buffer): Buffer => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([len, typed, crc])
}

const png = (ihdr: Buffer, idat: Buffer): Buffer => Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))])

const header = (side: number, bitDepth: number, colourType: number, interlaced: boolean): Buffer => {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(side, 0)
  ihdr.writeUInt32BE(side, 4)
  ihdr[8] = bitDepth
  ihdr[9] = colourType
  ihdr[12] = interlaced ? 1 : 0
  return ihdr
}

/** A valid 1-bit grey PNG of `side` × `side` zeros: tiny on the wire, gigabytes once decoded. */
export const makePixelBomb = (side = 20_000): Buffer => {
  const rowBytes = 1 + Math.ceil(side / 8)
  return png(header(side, 1, 0, false), deflateSync(Buffer.alloc(rowBytes * side), { level: 9 }))
}

const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]]

/**
 * A valid, fully transparent RGBA PNG of `side` × `side`: a few hundred kB on the wire, and real
 * work to decode. Interlaced (Adam7), it can only be decoded whole in memory (4 bytes a pixel);
 * plain, it streams through in little memory but still takes CPU time.
 */
export const transparentPng = (side: number, interlaced: boolean): Buffer => {
  let raw = 0
  for (const [x0, y0, dx, dy] of interlaced ? ADAM7 : [[0, 0, 1, 1]]) {
    const w = Math.ceil((side - x0) / dx)
    const h = Math.ceil((side - y0) / dy)
    if (w > 0 && h > 0) raw += h * (1 + w * 4)
  }
  // Every filter byte and every sample is 0: the data is `raw` zero bytes.
  return png(header(side, 8, 6, interlaced), deflateSync(Buffer.alloc(raw), { level: 1 }))
}

/** Issue 15's SVG: a full-size rectangle under a huge Gaussian blur (185 bytes, minutes to rasterise). */
export const blurSvg = (side: number): Buffer =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}"><filter id="b"><feGaussianBlur stdDeviation="999"/></filter><rect width="100%" height="100%" filter="url(#b)"/></svg>`)

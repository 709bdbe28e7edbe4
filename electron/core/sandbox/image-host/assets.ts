import sharp from 'sharp'
import { makePixelBomb } from './hostile-images'

/**
 * The sandbox image host's pictures, drawn with sharp when first needed so no binary fixture lives
 * in git: one of each kind the avatar checker must recognise (good, wrong format, bombs, damaged).
 */
export interface ImageHostAssets {
  png: Buffer
  jpeg: Buffer
  gif: Buffer
  animatedGif: Buffer
  webp: Buffer
  avif: Buffer
  svg: Buffer
  wide: Buffer
  tiny: Buffer
  /** A > 5 MB JPEG of noise (the benchmark's file). */
  hugeJpeg: Buffer
  /** A 48 kB PNG declaring 20 000 × 20 000 pixels (a real, decodable bomb). */
  bomb: Buffer
  truncatedJpeg: Buffer
  /** A PNG signature followed by garbage. */
  corruptPng: Buffer
}

/** A face-like square avatar: a coloured disc on a background, so crops and previews are visible. */
const avatarSvg = (w: number, h: number, bg: string, fg: string): Buffer =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="${bg}"/>` +
      `<circle cx="${w / 2}" cy="${h / 2}" r="${Math.min(w, h) * 0.35}" fill="${fg}"/></svg>`
  )

const build = async (): Promise<ImageHostAssets> => {
  const base = sharp(avatarSvg(256, 256, '#1f73b7', '#fff'))
  const png = await base.clone().png().toBuffer()
  const jpeg = await base.clone().jpeg({ quality: 85 }).toBuffer()
  const frames = await Promise.all(['#cc3340', '#038153', '#1f73b7'].map((c) => sharp(avatarSvg(256, 256, c, '#fff')).png().toBuffer()))
  const animatedGif = await sharp(frames, { join: { animated: true } }).gif({ delay: 300, loop: 0 }).toBuffer()
  const hugeJpeg = await sharp({ create: { width: 1400, height: 1400, channels: 3, background: '#888', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
    .jpeg({ quality: 100, chromaSubsampling: '4:4:4' })
    .toBuffer()
  return {
    png,
    jpeg,
    gif: await base.clone().gif().toBuffer(),
    animatedGif,
    webp: await base.clone().webp().toBuffer(),
    avif: await base.clone().avif().toBuffer(),
    svg: avatarSvg(256, 256, '#1f73b7', '#fff'),
    wide: await sharp(avatarSvg(600, 300, '#f79a3e', '#fff')).png().toBuffer(),
    tiny: await sharp(avatarSvg(32, 32, '#1f73b7', '#fff')).png().toBuffer(),
    hugeJpeg,
    bomb: makePixelBomb(),
    truncatedJpeg: hugeJpeg.subarray(0, Math.floor(hugeJpeg.length * 0.1)),
    corruptPng: Buffer.concat([png.subarray(0, 8), Buffer.alloc(2048, 0x5a)])
  }
}

let assets: Promise<ImageHostAssets> | null = null

/** The assets, built once per process (about a second, mostly the noise JPEG). */
export const imageHostAssets = (): Promise<ImageHostAssets> => {
  assets ??= build()
  return assets
}

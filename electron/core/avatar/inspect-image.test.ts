import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { makePixelBomb } from '../sandbox/image-host/hostile-images'
import { DEFAULT_IMAGE_LIMITS, inspectImage, sniffImageType } from './inspect-image'

const square = (format: 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'tiff'): Promise<Buffer> =>
  sharp({ create: { width: 200, height: 200, channels: 3, background: '#1f73b7' } }).toFormat(format).toBuffer()

describe('sniffImageType', () => {
  it.each([
    ['png', 'png'],
    ['jpeg', 'jpeg'],
    ['gif', 'gif'],
    ['webp', 'webp'],
    ['avif', 'avif'],
    ['tiff', 'tiff']
  ] as const)('%s bytes are %s', async (format, expected) => {
    expect(sniffImageType(await square(format))).toBe(expected)
  })

  it.each([
    ['<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'svg'],
    ['<?xml version="1.0"?>\n<svg width="1"/>', 'svg'],
    ['<!DOCTYPE html><html></html>', 'html'],
    ['\n  <html><body>', 'html'],
    ['BM\u0000\u0000\u0000', 'bmp'],
    ['just some text', null],
    ['', null]
  ])('%j is %s', (text, expected) => {
    expect(sniffImageType(Buffer.from(text, 'latin1'))).toBe(expected)
  })
})

describe('inspectImage', () => {
  it('reports format, size and a 96×96 PNG preview of the centre crop', async () => {
    const wide = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#fff' } }).png().toBuffer()
    const r = await inspectImage(wide)
    expect(r.image).toEqual({ format: 'png', width: 400, height: 200, animated: false })
    expect(r.decodeError).toBeNull()
    const preview = Buffer.from(r.preview!.replace('data:image/png;base64,', ''), 'base64')
    expect(await sharp(preview).metadata()).toMatchObject({ format: 'png', width: 96, height: 96 })
  })

  it('refuses a pixel bomb from its header, before decoding', async () => {
    const bomb = makePixelBomb(20_000)
    expect(bomb.length).toBeLessThan(100_000)
    const r = await inspectImage(bomb)
    expect(r.decodeError?.code).toBe('pixel-bomb')
    expect(r.image).toMatchObject({ width: 20_000, height: 20_000 })
    expect(r.preview).toBeNull()
  })

  it('refuses an image over the dimension limit even when the pixel count is small', async () => {
    const r = await inspectImage(makePixelBomb(2_000), { ...DEFAULT_IMAGE_LIMITS, maxDimension: 1_000 })
    expect(r.decodeError?.code).toBe('pixel-bomb')
  })

  it('fails a truncated JPEG on the full decode', async () => {
    const jpeg = await sharp({ create: { width: 600, height: 600, channels: 3, background: '#888', noise: { type: 'gaussian', mean: 128, sigma: 50 } } }).jpeg().toBuffer()
    const r = await inspectImage(jpeg.subarray(0, Math.floor(jpeg.length / 2)))
    expect(r.decodeError?.code).toBe('truncated')
    expect(r.image?.width).toBe(600)
  })

  it('fails a PNG with a corrupt body', async () => {
    const png = await square('png')
    const r = await inspectImage(Buffer.concat([png.subarray(0, 8), Buffer.alloc(200, 1)]))
    expect(r.decodeError?.code).toBe('not-decodable')
  })

  it('marks animated GIFs', async () => {
    const frames = await Promise.all(['#f00', '#0f0'].map((c) => sharp({ create: { width: 64, height: 64, channels: 3, background: c } }).png().toBuffer()))
    const gif = await sharp(frames, { join: { animated: true } }).gif().toBuffer()
    const r = await inspectImage(gif)
    expect(r.image).toEqual({ format: 'gif', width: 64, height: 64, animated: true })
  })

  it('text is not an image', async () => {
    expect((await inspectImage(Buffer.from('hello world, not an image'))).decodeError?.code).toBe('not-decodable')
  })
})

import { describe, expect, it } from 'vitest'
import { hasUserinfo, maskUserinfo, stripUserinfo } from './url-credentials'

describe('url credentials', () => {
  it('strips or masks user:pass@, up to the last @ before the path', () => {
    expect(stripUserinfo('https://ana:s3cr%40t@img.example.com/a.png')).toBe('https://img.example.com/a.png')
    expect(stripUserinfo('https://ana:p@ss@img.example.com:8443/a.png?x=1')).toBe('https://img.example.com:8443/a.png?x=1')
    expect(maskUserinfo('see "http://token@127.0.0.1:9/x" and https://u:p@h/y')).toBe('see "http://***@127.0.0.1:9/x" and https://***@h/y')
    expect(hasUserinfo('https://u:p@h/')).toBe(true)
  })

  it('masks a typed password holding "/" (the URL does not even parse then), wherever it is quoted', () => {
    expect(maskUserinfo('https://ana:pa/ss@img.example.com/a.png')).toBe('https://***@img.example.com/a.png')
    expect(maskUserinfo('"https://ana:p/a?s#s@img.example.com/a.png" is not a valid URL.')).toBe('"https://***@img.example.com/a.png" is not a valid URL.')
    expect(maskUserinfo('https://ana:pa/ss@h.example/@ana/x.png')).not.toMatch(/pa\/ss/)
  })

  it('leaves @ in paths, queries and plain URLs alone', () => {
    for (const url of ['https://mastodon.example/@ana/avatar.png', 'https://h.example/a.png?email=a@b.c', 'https://h.example/a.png#x@y', 'https://h.example/a.png']) {
      expect(stripUserinfo(url)).toBe(url)
      expect(hasUserinfo(url)).toBe(false)
    }
  })
})

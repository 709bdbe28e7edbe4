import { describe, expect, it } from 'vitest'
import { rewriteAvatarUrl } from './rewrite'

const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz_0-9'
const DIRECT = `https://drive.google.com/uc?export=view&id=${ID}`

describe('rewriteAvatarUrl: Google Drive file links → the guide\'s direct form', () => {
  it.each([
    `https://drive.google.com/file/d/${ID}/view?usp=sharing`,
    `https://drive.google.com/file/d/${ID}/view`,
    `https://drive.google.com/file/d/${ID}/edit`,
    `https://drive.google.com/file/d/${ID}/preview`,
    `https://drive.google.com/file/d/${ID}`,
    `https://drive.google.com/file/u/0/d/${ID}/view`,
    `https://drive.google.com/file/u/1/d/${ID}/view?usp=drive_link`,
    `https://drive.google.com/open?id=${ID}`,
    `https://drive.google.com/uc?id=${ID}&export=download`,
    `https://drive.google.com/uc?export=download&id=${ID}`,
    `https://drive.usercontent.google.com/download?id=${ID}`,
    `https://drive.usercontent.google.com/download?id=${ID}&export=view&authuser=0`,
    `https://docs.google.com/file/d/${ID}/edit`,
    `https://drive.google.com/a/example.com/file/d/${ID}/view`,
    `drive.google.com/file/d/${ID}/view`,
    `  https://drive.google.com/file/d/${ID}/view?usp=sharing  `
  ])('%s', (from) => {
    const r = rewriteAvatarUrl(from)
    expect(r).toMatchObject({ from, to: DIRECT, host: 'google-drive', changed: true, problems: [] })
    expect(r.reason).toMatch(/uc\?export=view/)
    expect(r.alternatives.map((a) => a.url)).toEqual([`https://lh3.googleusercontent.com/d/${ID}`, `https://drive.google.com/thumbnail?id=${ID}&sz=w512`])
  })

  it('keeps the resource key Google needs for older shared files', () => {
    const r = rewriteAvatarUrl(`https://drive.google.com/file/d/${ID}/view?usp=sharing&resourcekey=0-AbC_dEf`)
    expect(r.to).toBe(`${DIRECT}&resourcekey=0-AbC_dEf`)
    expect(r.reason).toMatch(/resource key/)
    expect(rewriteAvatarUrl(`https://drive.google.com/open?id=${ID}&resourcekey=0-xyz`).to).toBe(`${DIRECT}&resourcekey=0-xyz`)
  })

  it.each([DIRECT, `https://drive.google.com/uc?id=${ID}&export=view`, `${DIRECT}&resourcekey=0-k`])('leaves the direct form %s unchanged', (from) => {
    expect(rewriteAvatarUrl(from)).toMatchObject({ to: from, changed: false, host: 'google-drive', problems: [] })
  })

  it.each([
    `https://drive.google.com/drive/folders/${ID}?usp=sharing`,
    `https://drive.google.com/drive/u/0/folders/${ID}`,
    `https://drive.google.com/drive/mobile/folders/${ID}`,
    `https://drive.google.com/folderview?id=${ID}`
  ])('a folder link %s is an error, not a rewrite', (from) => {
    const r = rewriteAvatarUrl(from)
    expect(r.changed).toBe(false)
    expect(r.problems.map((p) => p.code)).toEqual(['drive-folder'])
    expect(r.problems[0].fix).toMatch(/Share/)
  })

  it('a Google document is not an image', () => {
    expect(rewriteAvatarUrl('https://docs.google.com/document/d/abcdefghijklmnop/edit').problems[0].code).toBe('google-doc')
  })

  it('a Drive link without a file id says so', () => {
    expect(rewriteAvatarUrl('https://drive.google.com/file/d/').problems[0].code).toBe('drive-no-file-id')
  })

  it('lh3 and thumbnail forms are already direct', () => {
    expect(rewriteAvatarUrl(`https://lh3.googleusercontent.com/d/${ID}`)).toMatchObject({ changed: false, host: 'google-drive', problems: [] })
  })
})

describe('rewriteAvatarUrl: other hosts', () => {
  it.each([
    ['https://www.dropbox.com/s/abc123xyz/me.png?dl=0', 'https://dl.dropboxusercontent.com/s/abc123xyz/me.png', 'dropbox'],
    ['https://dropbox.com/s/abc123xyz/me.png?dl=1', 'https://dl.dropboxusercontent.com/s/abc123xyz/me.png', 'dropbox'],
    ['https://www.dropbox.com/scl/fi/k9x8y7/me.png?rlkey=r1k2e3y4&dl=0', 'https://www.dropbox.com/scl/fi/k9x8y7/me.png?rlkey=r1k2e3y4&raw=1', 'dropbox'],
    ['https://www.dropbox.com/scl/fi/k9x8y7/me.png?rlkey=r1k2e3y4&st=abcd&dl=0', 'https://www.dropbox.com/scl/fi/k9x8y7/me.png?rlkey=r1k2e3y4&raw=1', 'dropbox'],
    ['https://github.com/acme/brand/blob/main/img/avatar.png', 'https://raw.githubusercontent.com/acme/brand/main/img/avatar.png', 'github'],
    ['https://github.com/acme/brand/blob/v1.2/avatar.png?raw=true', 'https://raw.githubusercontent.com/acme/brand/v1.2/avatar.png', 'github'],
    ['https://github.com/acme/brand/raw/main/avatar.png', 'https://raw.githubusercontent.com/acme/brand/main/avatar.png', 'github'],
    ['https://imgur.com/AbC123x', 'https://i.imgur.com/AbC123x.png', 'imgur'],
    ['https://imgur.com/AbC123x.jpg', 'https://i.imgur.com/AbC123x.png', 'imgur']
  ])('%s → %s', (from, to, host) => {
    expect(rewriteAvatarUrl(from)).toMatchObject({ from, to, host, changed: true, problems: [] })
  })

  it.each([
    ['https://dl.dropboxusercontent.com/s/abc/me.png', 'dropbox'],
    ['https://raw.githubusercontent.com/acme/brand/main/avatar.png', 'github'],
    ['https://i.imgur.com/AbC123x.png', 'imgur'],
    ['https://www.gravatar.com/avatar/205e460b479e2e5b48aec07710c08d50?s=256', 'gravatar'],
    ['https://cdn.example.com/team/aissist.png', 'other']
  ])('%s is already direct', (from, host) => {
    expect(rewriteAvatarUrl(from)).toMatchObject({ to: from, host, changed: false, problems: [] })
  })

  it.each([
    ['https://1drv.ms/i/s!AbCdEf', 'onedrive', 'onedrive-share-link'],
    ['https://onedrive.live.com/?cid=123&id=456', 'onedrive', 'onedrive-share-link'],
    ['https://acme-my.sharepoint.com/:i:/g/personal/me/EaBc', 'onedrive', 'onedrive-share-link'],
    ['https://app.box.com/s/abcdef123', 'box', 'box-share-page'],
    ['https://acme.app.box.com/s/abcdef123', 'box', 'box-share-page'],
    ['https://imgur.com/a/AbC12', 'imgur', 'share-page'],
    ['https://imgur.com/gallery/AbC12', 'imgur', 'share-page'],
    ['https://www.dropbox.com/sh/abc/xyz?dl=0', 'dropbox', 'dropbox-folder'],
    ['https://www.dropbox.com/scl/fi/k9x8y7/me.png?dl=0', 'dropbox', 'dropbox-no-rlkey'],
    ['https://github.com/acme/brand', 'github', 'share-page']
  ])('%s has no reliable rewrite: %s → %s', (from, host, code) => {
    const r = rewriteAvatarUrl(from)
    expect(r.host).toBe(host)
    expect(r.problems.map((p) => p.code)).toContain(code)
    expect(r.problems.every((p) => p.fix.length > 10)).toBe(true)
  })

  it('keeps a Box static direct link', () => {
    expect(rewriteAvatarUrl('https://app.box.com/shared/static/abc.png')).toMatchObject({ host: 'box', changed: false, problems: [] })
  })
})

describe('rewriteAvatarUrl: bad input', () => {
  it.each([
    ['', 'invalid-url'],
    ['   ', 'invalid-url'],
    ['not a url', 'invalid-url'],
    ['ftp://example.com/a.png', 'unsupported-scheme'],
    ['file:///home/me/a.png', 'unsupported-scheme'],
    ['data:image/png;base64,AAAA', 'unsupported-scheme'],
    ['javascript:alert(1)', 'unsupported-scheme']
  ])('%j → %s', (from, code) => {
    const r = rewriteAvatarUrl(from)
    expect(r.changed).toBe(false)
    expect(r.problems[0].code).toBe(code)
  })

  it.each([
    ['https://evil.example\\@gateway.aissist.io/a.png', 'url-backslash'],
    ['https://ana:hunter2@img.example.com/a.png', 'url-credentials'],
    ['https://ana:hun/ter2@img.example.com/a.png', 'url-credentials'],
    ['//ana:hunter2@img.example.com/a.png', 'url-credentials'],
    ['https://img.example.com/a\tb.png', 'url-control-character']
  ])('%j is refused as it is (%s), its echo masked', (from, code) => {
    const r = rewriteAvatarUrl(from)
    expect(r.problems.map((p) => p.code)).toEqual([code])
    expect(r.changed).toBe(false)
    expect(JSON.stringify(r)).not.toMatch(/hunter2|hun\/ter2/)
  })

  it('adds https:// to a bare host and says so', () => {
    const r = rewriteAvatarUrl('cdn.example.com/a.png')
    expect(r).toMatchObject({ to: 'https://cdn.example.com/a.png', changed: true, host: 'other' })
    expect(r.reason).toMatch(/https:\/\/ was added/)
  })
})

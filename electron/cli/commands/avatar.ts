import { rewriteAvatarUrl, type AvatarRewrite } from '../../../shared/avatar/rewrite'
import type { AvatarVerdict } from '../../../shared/avatar/problems'
import type { AvatarCheckResult } from '../../../shared/contract/avatar'
import type { CliRuntime } from '../runtime'
import { createSpinner } from '../spinner'
import type { RegisterCommand } from './index'

/**
 * Exit code per verdict, so a script can branch without parsing: 0 only for `ok`.
 */
export const AVATAR_EXIT_CODES: Record<AvatarVerdict, number> = { ok: 0, 'needs-attention': 1, 'not-public': 2, 'not-an-image': 3, unreachable: 4 }

/** The `avatar check --json` shape the issue fixes (the preview stays out of terminals). */
export const checkJson = (r: AvatarCheckResult): Record<string, unknown> => ({
  verdict: r.verdict,
  inputUrl: r.inputUrl,
  checkedUrl: r.checkedUrl,
  rewrite: rewriteJson(r.rewrite),
  redirects: r.redirects,
  status: r.status,
  contentType: r.contentType,
  bytes: r.bytes,
  image: r.image,
  problems: r.problems
})

/** The `avatar rewrite --json` shape the issue fixes. */
export const rewriteJson = (r: AvatarRewrite): Record<string, unknown> => ({ from: r.from, to: r.to, host: r.host, changed: r.changed, problems: r.problems })

const size = (n: number | null): string => (n === null ? '?' : n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} kB` : `${n} B`)

const MARK: Record<AvatarVerdict, string> = { ok: '✔', 'needs-attention': '▲', 'not-public': '✖', 'not-an-image': '✖', unreachable: '✖' }

const printRewrite = (cli: CliRuntime, r: AvatarRewrite): void => {
  if (r.changed) {
    cli.out(`  from: ${r.from}`)
    cli.out(`  to:   ${r.to}`)
  } else {
    cli.out(`  link: ${r.to} (unchanged)`)
  }
  cli.out(`  why:  ${r.reason}`)
}

const printProblems = (cli: CliRuntime, problems: { code: string; message: string; fix: string }[]): void => {
  for (const p of problems) {
    cli.out(`  • [${p.code}] ${p.message}`)
    cli.out(`    → ${p.fix}`)
  }
}

/**
 * `aissist-zd avatar check <url>` fetches and judges an avatar as the public would (the checker,
 * with undici and sharp, is imported only then); `aissist-zd avatar rewrite <url>` shows the
 * direct link for a share link, offline, loading nothing but the rewrite rules.
 */
export const register: RegisterCommand = (avatar, cli) => {
  avatar
    .command('check <url>')
    .description('fetch the avatar anonymously, decode it, and say whether Zendesk chat can show it (exit 0 only when ok)')
    .option('--allow-private', 'allow loopback and private-network hosts (the sandbox, intranet testing)')
    .action(async (url: string, opts: { allowPrivate?: boolean }) => {
      const spinner = cli.interactive ? createSpinner(cli, `Checking ${url}…`) : null
      let result: AvatarCheckResult
      try {
        const { checkAvatar } = await import('../../core/avatar/check-avatar')
        result = await checkAvatar(url, {
          allowPrivate: Boolean(opts.allowPrivate),
          onHop: (hop) => spinner?.update(`${hop.status ?? '…'} ${hop.url}${hop.location ? ' → redirect' : ''}`)
        })
      } finally {
        spinner?.stop()
      }
      cli.print(checkJson(result), () => {
        cli.out(`Avatar: ${result.inputUrl}`)
        printRewrite(cli, result.rewrite)
        if (result.redirects.length) {
          cli.out('Requests:')
          result.redirects.forEach((h, i) => {
            cli.out(`  ${i + 1}. ${h.status ?? '—'} ${h.url}${h.address ? ` [${h.address}]` : ''}`)
            if (h.location) cli.out(`       → ${h.location}`)
          })
        }
        if (result.status !== null) cli.out(`Answer: ${result.status} ${result.contentType ?? '(no Content-Type)'}, ${size(result.bytes)}, ${(result.timeMs / 1000).toFixed(2)} s`)
        if (result.image) {
          const im = result.image
          cli.out(`Image:  ${im.format.toUpperCase()} ${im.width} × ${im.height}${im.animated ? ', animated' : ''}`)
        }
        if (result.crop) cli.out(`Chat shows the centred ${result.crop.width} × ${result.crop.height} square (from x ${result.crop.left}, y ${result.crop.top}).`)
        cli.out(`Verdict: ${MARK[result.verdict]} ${result.verdict}`)
        if (result.problems.length) {
          cli.out('Problems:')
          printProblems(cli, result.problems)
        }
        if (result.alternatives.length && result.problems.some((p) => p.code === 'drive-not-image')) {
          cli.out('Direct forms to try:')
          for (const a of result.alternatives) cli.out(`  ${a.url}  (${a.reason})`)
        }
      })
      cli.exitCode = AVATAR_EXIT_CODES[result.verdict]
    })

  avatar
    .command('rewrite <url>')
    .description('rewrite a Google Drive, Dropbox, GitHub or Imgur share link to its direct image link (offline)')
    .action((url: string) => {
      const r = rewriteAvatarUrl(url)
      cli.print(rewriteJson(r), () => {
        printRewrite(cli, r)
        if (r.problems.length) {
          cli.out('Problems:')
          printProblems(cli, r.problems)
        }
        if (r.alternatives.length) {
          cli.out('If that link does not show the image, try:')
          for (const a of r.alternatives) cli.out(`  ${a.url}  (${a.reason})`)
        }
      })
      const blocking = r.problems.length > 0
      cli.exitCode = blocking ? 1 : 0
    })
}

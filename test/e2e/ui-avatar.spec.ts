import { createSandboxProfile, expect, sandboxTest as test } from './fixtures'
import { checkScreen, openScreen } from './screen-check'

/** Issue 17, item 4: on Agent & avatar, a result belongs to exactly the URL it checked. */
test('a result belongs to the URL it checked: another link marks it stale, and "Use this URL" is only for its own link', async ({ app, sandbox }) => {
  await (await fetch(`${sandbox.info.imagesUrl}/avatar.png`)).arrayBuffer()
  await createSandboxProfile(app, sandbox.info)
  await openScreen(app, 'Agent & avatar')
  const good = `${sandbox.info.imagesUrl}/avatar.png`
  const url = app.getByTestId('avatar-url')

  // A share page's link is rewritten: the result offers "Use this URL" for the direct link it checked.
  const share = `${sandbox.info.imagesUrl}/redirect/1/avatar.png`
  await url.fill(share)
  await app.getByTestId('avatar-check').click()
  await expect(app.getByTestId('avatar-verdict')).toHaveAttribute('data-verdict', 'ok')
  await expect(app.getByTestId('avatar-result-for')).toContainText(share)
  await expect(app.getByTestId('avatar-preview')).toHaveAttribute('src', /^data:image\/png;base64,/)

  // Another link in the field: the result is marked stale, naming the URL it was for; no preview, no "Use".
  await url.fill(`${sandbox.info.imagesUrl}/wide.png`)
  await expect(app.getByTestId('avatar-result-stale')).toContainText(share)
  await expect(app.getByTestId('avatar-result')).toHaveCount(0)
  await expect(app.getByTestId('avatar-use-url')).toHaveCount(0)
  await expect(app.getByTestId('avatar-preview')).toHaveCount(0)
  await checkScreen(app, 'ui-avatar-stale')

  // Back to the link it checked: the result is its own again.
  await url.fill(share)
  await expect(app.getByTestId('avatar-result')).toBeVisible()
  await expect(app.getByTestId('avatar-result-stale')).toHaveCount(0)

  // "Check the new URL" from the stale notice checks what the field holds.
  await url.fill(good)
  await app.getByTestId('avatar-result-stale').getByRole('button', { name: 'Check the new URL' }).click()
  await expect(app.getByTestId('avatar-result-for')).toContainText(good)
  await expect(app.getByTestId('avatar-verdict')).toHaveAttribute('data-verdict', 'ok')
})

test('a refused value is named by its label and highlighted, never by its code name', async ({ app, sandbox }) => {
  await createSandboxProfile(app, sandbox.info)
  await openScreen(app, 'Agent & avatar')
  await app.getByTestId('avatar-url').fill('not a link at all')
  await app.getByTestId('avatar-save').click()
  const notice = app.getByTestId('error-notice')
  await expect(notice).toBeVisible()
  await expect(notice.getByTestId('error-fields')).toContainText('Avatar URL')
  await expect(notice).not.toContainText('avatarUrl')
  await expect(notice).not.toContainText('updateProfile')
  await expect(app.getByTestId('avatar-url')).toHaveAttribute('aria-invalid', 'true')
  await expect(app.getByTestId('avatar-url-error')).toBeVisible()
  // The label in the notice leads to the field.
  await notice.getByTestId('error-field-avatarUrl').click()
  await expect(app.getByTestId('avatar-url')).toBeFocused()
})

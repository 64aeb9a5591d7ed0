import { expect, test } from '@playwright/test'
import { hostPerFile, openViewer } from './host'

/**
 * Issue 13 §4 as the owner and an invited moderator see it, in two browser contexts (each its
 * own cookies, as two people's browsers): the moderator's console has the moderation panels and
 * no Stage, mutes a viewer, the viewer's page and both consoles' chats and the owner's audit log
 * name the moderator, the room switches a moderator may not use are disabled with the reason, and
 * "Revoke" closes the moderator's console at once.
 */
const host = hostPerFile()

test('an invited moderator moderates under their own name until the owner revokes them', async ({
  browser,
}) => {
  const ownerContext = await browser.newContext()
  const owner = await ownerContext.newPage()
  await owner.goto(host().consoleUrl)

  const moderators = owner.getByRole('region', { name: 'Moderators' })
  await moderators.getByRole('button', { name: 'Invite moderator' }).click()
  const dialog = owner.getByRole('dialog', { name: 'Invite moderator' })
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Mina')
  const role = dialog.getByRole('combobox', { name: 'Role' })
  await expect(role.getByRole('option')).toHaveText(['Moderator', 'Admin'])
  await role.selectOption({ label: 'Moderator' })
  await dialog.getByRole('button', { name: 'Create link' }).click()
  const link = await dialog.getByRole('textbox', { name: 'Invite link' }).inputValue()
  expect(link).toContain('invite=')
  await dialog.getByRole('button', { name: 'Done' }).click()
  const row = moderators.getByRole('listitem', { name: 'Mina' })
  await expect(row).toContainText('Moderator')
  await expect(row).toContainText('Offline')

  // The moderator, in their own browser.
  const moderatorContext = await browser.newContext()
  const moderator = await moderatorContext.newPage()
  await moderator.goto(link)
  await expect(moderator.getByRole('log', { name: 'Chat' })).toBeVisible()
  await expect(moderator.getByText('You are moderating as Mina (Moderator)')).toBeVisible()
  // The invite's token leaves the address bar; a reload stays Mina's console (by its cookie).
  expect(moderator.url()).not.toContain('invite=')
  await moderator.reload()
  await expect(moderator.getByText('You are moderating as Mina (Moderator)')).toBeVisible()
  await expect(moderator.getByRole('region', { name: 'Review queue' })).toBeVisible()
  await expect(moderator.getByRole('region', { name: 'Audit log' })).toBeVisible()
  await expect(moderator.getByRole('region', { name: 'Stage' })).toHaveCount(0)
  await expect(moderator.getByRole('region', { name: 'Moderators' })).toHaveCount(0)
  await expect(moderator.getByRole('region', { name: 'Console access' })).toHaveCount(0)
  await expect(moderator.getByRole('textbox', { name: 'Message' })).toHaveCount(0)
  await expect(row).toContainText('Online')
  // Without the director strip (the owner's), the moderator's header says who is online; the
  // owner's leaves that to the strip rather than say it twice.
  await expect(moderator.getByRole('region', { name: 'Director strip' })).toHaveCount(0)
  await expect(moderator.getByRole('group', { name: 'Online', exact: true })).toHaveText(
    /^Online\s*\d+\s*peak \d+$/,
  )
  await expect(owner.getByRole('region', { name: 'Director strip' })).toBeVisible()
  await expect(owner.getByRole('group', { name: 'Online', exact: true })).toHaveCount(0)

  const { page: viewer } = await openViewer(browser, host().viewerUrl, 'Noisy')
  await viewer.getByRole('textbox', { name: 'Message' }).fill('so noisy')
  await viewer.getByRole('button', { name: 'Send', exact: true }).click()
  await moderator
    .getByRole('log', { name: 'Chat' })
    .locator('.chat-line', { hasText: 'so noisy' })
    .getByRole('button', { name: 'Moderate Noisy' })
    .click()
  await moderator.getByRole('menuitem', { name: 'Mute 10 minutes' }).click()
  await expect(viewer.getByRole('textbox', { name: 'Message' })).toBeDisabled()

  // Everyone sees who did it: the viewers' page and both consoles, Mina and not the owner.
  const mutedLine = (page: typeof viewer) =>
    page
      .getByRole('log', { name: 'Chat' })
      .locator('.chat-line', { hasText: 'muted Noisy for 10 min' })
  // The pointer leaves the moderator's chat, which it paused (pause-on-hover).
  await moderator.mouse.move(0, 0)
  for (const page of [viewer, moderator, owner]) {
    await expect(mutedLine(page).locator('.chat-nick')).toHaveText('Mina')
  }

  // The switches a moderator may not use are disabled, and say why (main refuses them too).
  const filters = moderator.getByRole('region', { name: 'Filters' })
  const shield = filters.getByRole('switch', { name: 'Shield mode' })
  await expect(shield).toBeDisabled()
  await expect(shield).toHaveAccessibleDescription(/Only the host or an admin can change this/)
  await expect(filters.getByRole('combobox', { name: 'Slow mode' })).toBeDisabled()
  await expect(filters).toContainText('Only the host or an admin can change this.')
  const muteAll = moderator.getByRole('switch', { name: 'Mute all' })
  await expect(muteAll).toBeDisabled()
  await expect(muteAll).toHaveAccessibleDescription('Only the host or an admin can change this.')
  // The owner's are not.
  await expect(
    owner.getByRole('region', { name: 'Filters' }).getByRole('switch', { name: 'Shield mode' }),
  ).toBeEnabled()
  await expect(owner.getByRole('switch', { name: 'Mute all' })).toBeEnabled()

  // The owner's audit log says who did it.
  await owner.reload()
  const audit = owner.getByRole('region', { name: 'Audit log' })
  await expect(audit.getByRole('listitem').filter({ hasText: 'Mute' }).first()).toContainText(
    'Mina',
  )

  // Revoke: the moderator's console ends at once and says why.
  await owner
    .getByRole('region', { name: 'Moderators' })
    .getByRole('listitem', { name: 'Mina' })
    .getByRole('button', { name: 'Revoke' })
    .click()
  await expect(moderator.locator('body')).toContainText('This moderator invite is no longer valid')
  await expect(owner.getByRole('region', { name: 'Moderators' })).toContainText('No moderators yet')
  await moderatorContext.close()
  await ownerContext.close()
  await viewer.close()
})

import type { AvatarProblem } from './problems'

/**
 * The agent name is what every customer sees above each AI reply, so the profile form, setup and
 * diagnose refuse the same bad names with the same words. Pure, for instant feedback while typing.
 */

/** Longest name that fits the chat header on a phone without being cut. */
export const AGENT_NAME_MAX = 64

/** Problems with an agent name (empty, only whitespace, too long, control characters, padding). */
export const checkAgentName = (name: string | null | undefined): AvatarProblem[] => {
  const problems: AvatarProblem[] = []
  if (name === null || name === undefined || name === '') {
    return [{ code: 'agent-name-empty', message: 'The agent name is empty; chat would show no name above the AI replies.', fix: 'Type the name customers should see, for example "Aissist".' }]
  }
  if (name.trim() === '') {
    return [{ code: 'agent-name-whitespace', message: 'The agent name is only spaces; chat would show no name above the AI replies.', fix: 'Type the name customers should see, for example "Aissist".' }]
  }
  const length = [...name.trim()].length
  if (length > AGENT_NAME_MAX) {
    problems.push({ code: 'agent-name-too-long', message: `The agent name is ${length} characters long; chat headers cut names longer than ${AGENT_NAME_MAX}.`, fix: `Shorten the name to at most ${AGENT_NAME_MAX} characters.` })
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) {
    problems.push({ code: 'agent-name-control-characters', message: 'The agent name contains line breaks or invisible control characters.', fix: 'Retype the name on one line, without pasted formatting.' })
  }
  if (name !== name.trim()) {
    problems.push({ code: 'agent-name-padding', message: 'The agent name starts or ends with spaces.', fix: 'Remove the spaces around the name.' })
  }
  return problems
}

import { useState } from 'react'
import styled from 'styled-components'
import { getColor } from '@zendeskgarden/react-theming'
import { Button } from '@zendeskgarden/react-buttons'
import { MD, SM } from '@zendeskgarden/react-typography'
import ChevronDown from '@zendeskgarden/svg-icons/src/16/chevron-down-stroke.svg?react'
import ChevronRight from '@zendeskgarden/svg-icons/src/16/chevron-right-stroke.svg?react'
import type { SetupStep } from '../../../../shared/contract/setup'
import type { ProfileView } from '../../../../shared/contract/vault'
import { setupStep } from '../../../../shared/setup/steps'
import { ErrorNotice } from '../../components/error-notice'
import { FixActions } from '../../components/fix-actions'
import { StatusTag } from '../../components/status-tag'
import { ManualSteps } from './manual-steps'

const List = styled.ol`
  list-style: none;
  margin: 0;
  padding: 0;
  border: 1px solid ${(p) => getColor({ theme: p.theme, variable: 'border.default' })};
  border-radius: 4px;
`

const Item = styled.li`
  padding: 10px 14px;
  & + & {
    border-top: 1px solid ${(p) => getColor({ theme: p.theme, variable: 'border.subtle' })};
  }
`

const Row = styled.div`
  display: flex;
  align-items: center;
  gap: 12px;
`

const Number = styled.span`
  width: 22px;
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
  font-variant-numeric: tabular-nums;
`

const Grow = styled.div`
  flex: 1;
  min-width: 0;
`

const Details = styled.div`
  margin: 10px 0 4px 34px;
  display: grid;
  gap: 10px;
`

const Subtle = styled(SM)`
  color: ${(p) => getColor({ theme: p.theme, variable: 'foreground.subtle' })};
`

const hasDetails = (s: SetupStep): boolean => Boolean(s.error || s.manual || s.message || s.actions?.length)

/** What a step's fixes need: the customer, a re-check after one, and the recreate the page runs itself. */
export interface StepFixes {
  profile: ProfileView
  onFixed(): void
  onRecreate(reason: 'rotate' | 'version'): void
}

/** One step: number, title, status, duration; expands to its message, the error, the fixes the app can do, and the manual way. */
const StepItem = ({ step, index, fixes }: { step: SetupStep; index: number; fixes?: StepFixes }) => {
  const [open, setOpen] = useState(false)
  const expanded = open || step.status === 'fail'
  const id = `step-details-${step.id}`
  return (
    <Item data-testid={`step-${step.id}`} data-status={step.status}>
      <Row>
        <Number aria-hidden>{index + 1}</Number>
        <Grow>
          <MD isBold>{step.title}</MD>
          {step.message && !expanded && <Subtle>{step.message.length > 160 ? `${step.message.slice(0, 160)}…` : step.message}</Subtle>}
        </Grow>
        {['pass', 'warn', 'fail'].includes(step.status) && <Subtle>{step.durationMs < 1 ? '< 1' : step.durationMs} ms</Subtle>}
        <StatusTag status={step.status} label={step.status === 'waiting' ? setupStep(step.id).awaits : undefined} />
        <Button
          size="small"
          isBasic
          disabled={!hasDetails(step)}
          aria-expanded={expanded}
          aria-controls={id}
          aria-label={`${expanded ? 'Hide' : 'Show'} details of ${step.title}`}
          onClick={() => setOpen(!expanded)}
        >
          <Button.StartIcon>{expanded ? <ChevronDown /> : <ChevronRight />}</Button.StartIcon>
          Details
        </Button>
      </Row>
      {expanded && hasDetails(step) && (
        <Details id={id} data-testid={`step-details-${step.id}`}>
          {step.message && !step.error && <MD>{step.message}</MD>}
          {step.error && <ErrorNotice title={`Step ${index + 1} failed: ${step.title}`} error={step.error} />}
          {fixes && (step.status === 'fail' || step.status === 'warn') && <FixActions actions={step.actions} profile={fixes.profile} onFixed={fixes.onFixed} onRecreate={fixes.onRecreate} />}
          {step.manual && <ManualSteps manual={step.manual} stepId={step.id} />}
        </Details>
      )}
    </Item>
  )
}

/** The setup's stepper, live: each step's status and duration as the core reports it, with its fixes. */
export const StepList = ({ steps, fixes }: { steps: SetupStep[]; fixes?: StepFixes }) => (
  <List aria-label="Setup steps" data-testid="setup-steps">
    {steps.map((s, i) => (
      <StepItem key={s.id} step={s} index={i} fixes={fixes} />
    ))}
  </List>
)

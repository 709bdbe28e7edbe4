import { Button } from '@zendeskgarden/react-buttons'
import { Well } from '@zendeskgarden/react-notifications'
import { MD, XXL } from '@zendeskgarden/react-typography'
import { useNavigation } from '../app/navigation'
import { ButtonBar } from './button-bar'

/**
 * The empty state of every screen that works on one customer's account: says why a customer is
 * needed there and leads to the customer list, instead of a disabled form.
 */
export const NeedsCustomer = ({ title, why, testId }: { title: string; why: string; testId: string }) => {
  const { navigate } = useNavigation()
  return (
    <section>
      <XXL tag="h1">{title}</XXL>
      <Well data-testid={testId}>
        <Well.Title>Choose a customer first</Well.Title>
        <MD>{why}</MD>
        <ButtonBar>
          <Button isPrimary onClick={() => navigate('profiles')}>
            Go to Customers
          </Button>
        </ButtonBar>
      </Well>
    </section>
  )
}

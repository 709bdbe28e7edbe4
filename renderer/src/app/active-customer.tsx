/**
 * The customer whose Zendesk account actions will write to, always visible in the header.
 * Filled in by the credential vault's screens.
 */
export const ActiveCustomer = () => <span data-testid="active-customer">No customer selected</span>

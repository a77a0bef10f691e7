// How long an approval link may live, in whole hours: the config's bound, and the bound of every hand-over that asks
// sendApprovalLinks to sign links, so no event on Shepherd's bus can get a link signed that outlives it.
export const MAX_LINK_TTL_HOURS = 24 * 14;

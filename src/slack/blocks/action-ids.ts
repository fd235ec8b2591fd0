/** Action ids of the buttons builders put on answers; the action listeners match on them. */
export const ACTION_IDS = {
  csv: 'pulse_csv',
  share: 'pulse_share',
  homeRefresh: 'home_refresh',
  page: 'pulse_page',
} as const;

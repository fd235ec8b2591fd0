/** Pieces of every /pulse answer: chart notes and buttons. */
export const blocks = {
  chartBelow: 'The chart is posted below this message.',
  chartInDm: 'The chart was sent to you in a direct message from wapulse.',
  downloadCsv: 'Download CSV',
  shareToChannel: 'Share to channel',
};

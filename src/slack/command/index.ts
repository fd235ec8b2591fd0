/** `/pulse` text → a typed command or a problem, and the problem and usage texts in each locale. */
export { parsePulse, PERIOD_WORDS, REPORT_COMMANDS } from './parse-pulse.js';
export { normaliseNumber } from './period-and-number.js';
export { pulseHelp, pulseProblemText, type PulseHelp } from './problem-text.js';
export { readMention, type Mention } from './mention.js';
export { tokenize, unescapeSlack } from './tokenize.js';
export { closest } from './closest.js';
export * from './types.js';

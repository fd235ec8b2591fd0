import type { Team } from './agents.js';
import type { ContactBook } from './contacts.js';
import type { Identities } from './identities.js';
import type { LocalClock } from './local-time.js';
import type { Outbox } from './outbox.js';
import type { Rng } from './prng.js';

/** One of the business's WhatsApp numbers and the team that answers it. */
export interface Channel {
  phoneNumberId: string;
  display: string;
  team: Team;
}

/** The WhatsApp Business Account both numbers belong to (entry[].id). */
export const WABA_ID = '102290129340398';

export const CARE_LINE: Channel = { phoneNumberId: '106540352242922', display: '15550783881', team: 'care' };
export const SALES_LINE: Channel = { phoneNumberId: '106540352242923', display: '15550783882', team: 'sales' };

/** Everything a generator step needs; times are epoch milliseconds throughout. */
export interface SimContext {
  rng: Rng;
  clock: LocalClock;
  ids: Identities;
  contacts: ContactBook;
  out: Outbox;
  /** Window [startMs, endMs): nothing is emitted with an event time at or after endMs. */
  startMs: number;
  endMs: number;
  scale: number;
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

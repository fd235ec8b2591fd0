import type { Identities } from './identities.js';
import type { ContactSource } from './inbox-types.js';
import type { Rng } from './prng.js';

/** A simulated customer and what the simulator must remember about them. */
export interface SimContact {
  waId: string;
  /** WhatsApp profile / inbox name; null for contacts known only by number. */
  name: string | null;
  /** Business-scoped user id (2026 identity field), for some contacts only. */
  userId: string | null;
  source: ContactSource;
  /** When the contact came to exist for the business (ms); nothing involves them earlier. */
  createdAt: number;
  /** Read receipts switched off: their phone never reports `read`. */
  readReceipts: boolean;
  /** Standing reasons Meta refuses marketing templates to this number. */
  stoppedMarketing: boolean;
  inExperiment: boolean;
  undeliverable: boolean;
  /** Latest inbound message time (ms) planned so far; -Infinity if none. */
  lastInboundAt: number;
  /** Until when (ms) a conversation with them is planned; new ones start after. */
  busyUntil: number;
}

const FIRST = [
  'Sara', 'Ahmed', 'Mohammed', 'Aisha', 'Rohan', 'Anita', 'Fatma', 'Hassan', 'Emily', 'Zain',
  'Noura', 'Bilal', 'Maria', 'Yusuf', 'Divya', 'Khalid', 'Lina', 'Tom', 'Hiba', 'Imran',
];
const LAST = [
  'Al Mansoori', 'Khan', 'Sharma', 'Haddad', 'Smith', 'Al Shamsi', 'Iyer', 'Farouk',
  'Qureshi', 'Nasser', 'Pereira', 'Al Ali', 'Saleh', 'Das', 'Hussain',
];
const ARABIC = [
  'محمد العلي', 'نور الهدى', 'فاطمة الزهراء', 'خالد المنصوري',
  'مريم سالم', 'عبدالله الشامسي', 'سارة يوسف', 'أحمد الكعبي',
];

/**
 * All contacts of the run: an imported customer base plus everyone who turns up later.
 * Returning contacts are drawn from this pool; new ones are appended to it.
 */
export class ContactBook {
  readonly all: SimContact[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly ids: Identities,
  ) {}

  create(source: ContactSource, ms: number): SimContact {
    const r = this.rng;
    const { waId, iso } = this.ids.waId();
    // Imported and manual contacts carry a name; people who just write in often do not.
    const named = source === 'incoming_message' ? r.chance(0.72) : r.chance(0.93);
    const contact: SimContact = {
      waId,
      name: named ? this.name() : null,
      userId: r.chance(0.2) ? this.ids.userId(iso) : null,
      source,
      createdAt: ms,
      readReceipts: r.chance(0.88),
      stoppedMarketing: r.chance(0.04),
      inExperiment: r.chance(0.015),
      // Stale numbers come from imported lists, not from people who just wrote to us.
      undeliverable: source === 'import' && r.chance(0.05),
      lastInboundAt: Number.NEGATIVE_INFINITY,
      busyUntil: Number.NEGATIVE_INFINITY,
    };
    this.all.push(contact);
    return contact;
  }

  /** A known contact free at `ms`, or null after a few tries (the caller then makes a new one). */
  returning(ms: number): SimContact | null {
    for (let i = 0; i < 6 && this.all.length > 0; i += 1) {
      const c = this.rng.pick(this.all);
      if (c.createdAt < ms && c.busyUntil < ms && !c.undeliverable) return c;
    }
    return null;
  }

  /** Contacts a template campaign at `ms` may target: outside their 24 h window, not busy. */
  reachable(ms: number): SimContact[] {
    return this.all.filter((c) => c.createdAt < ms && c.busyUntil < ms && c.lastInboundAt < ms - 86_400_000);
  }

  private name(): string {
    const r = this.rng;
    if (r.chance(0.12)) return r.pick(ARABIC);
    return `${r.pick(FIRST)} ${r.pick(LAST)}`;
  }
}

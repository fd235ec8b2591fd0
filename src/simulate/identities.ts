import type { Rng } from './prng.js';

/** Countries the Dubai business hears from, with mobile number patterns and weights. */
const COUNTRIES = [
  { iso: 'AE', weight: 70, make: (r: Rng) => `9715${r.pick(['0', '2', '4', '5', '6', '8'])}${r.digits(7)}` },
  { iso: 'IN', weight: 10, make: (r: Rng) => `91${r.int(6, 9)}${r.digits(9)}` },
  { iso: 'SA', weight: 6, make: (r: Rng) => `9665${r.digits(8)}` },
  { iso: 'PK', weight: 5, make: (r: Rng) => `923${r.digits(9)}` },
  { iso: 'EG', weight: 5, make: (r: Rng) => `201${r.pick(['0', '1', '2', '5'])}${r.digits(8)}` },
  { iso: 'GB', weight: 4, make: (r: Rng) => `447${r.digits(9)}` },
] as const;

/**
 * Issues identifiers that look like Meta's and never repeat within one run.
 * Everything derives from the run's Rng, so identifiers are reproducible per seed.
 */
export class Identities {
  private readonly used = new Set<string>();
  private eventSeq = 0;
  private conversationSeq = 0;

  constructor(private readonly rng: Rng) {}

  /** A new contact number (digits only, as WhatsApp's wa_id) and its country code. */
  waId(): { waId: string; iso: string } {
    const country = this.rng.weighted(COUNTRIES.map((c) => [c, c.weight] as const));
    return { waId: this.unique(() => country.make(this.rng)), iso: country.iso };
  }

  /** A business-scoped user id (the 2026 identity field), e.g. "AE.8812003123456789012". */
  userId(iso: string): string {
    return this.unique(() => `${iso}.${this.rng.digits(19)}`);
  }

  /**
   * A wamid shaped like Meta's: base64 of a small binary record holding the contact's
   * number, the direction (0x11 outbound, 0x12 inbound) and a random hex id.
   */
  wamid(waId: string, direction: 'in' | 'out'): string {
    return this.unique(() => {
      const id = direction === 'in' ? `3A${this.rng.hex(18)}` : this.rng.hex(18);
      const bytes = [
        0x1c, 0x18, waId.length, ...ascii(waId),
        0x15, 0x02, 0x00, direction === 'in' ? 0x12 : 0x11,
        0x18, id.length, ...ascii(id), 0x00,
      ];
      return `wamid.${Buffer.from(bytes).toString('base64')}`;
    });
  }

  /** A media id as Cloud API gives for inbound images. */
  mediaId(): string {
    return this.unique(() => this.rng.digits(16));
  }

  /** Base64 SHA-256 of a (pretend) media file. */
  sha256(): string {
    return Buffer.from(this.rng.bytes(32)).toString('base64');
  }

  eventId(): string {
    this.eventSeq += 1;
    return `sim-e-${this.eventSeq}`;
  }

  conversationId(): string {
    this.conversationSeq += 1;
    return `sim-c-${this.conversationSeq}`;
  }

  private unique(make: () => string): string {
    for (;;) {
      const candidate = make();
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
  }
}

function ascii(text: string): number[] {
  return Array.from(text, (ch) => ch.charCodeAt(0));
}

import type { Config } from '../config.js';
import { settleConversations } from '../conversations/index.js';
import { generateTraffic, summarizeTraffic } from '../simulate/index.js';
import type { Store } from '../store/index.js';
import { parseCommandArgs } from './args.js';
import { deliverToServer, deliverToStore } from './deliver-traffic.js';
import { openMigratedStore } from './open-store.js';
import { UsageError } from './usage-error.js';

const DAY_MS = 86_400_000;

export type SimulateArgs = { days: number; scale: number; seed: number; start: Date; tz: string; url?: string };

export function parseSimulateArgs(argv: string[], now: Date): SimulateArgs {
  const { values } = parseCommandArgs(argv, {
    days: { type: 'string', default: '14' },
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '42' },
    start: { type: 'string' },
    tz: { type: 'string', default: 'Asia/Dubai' },
    url: { type: 'string' },
  });
  const days = Number(values.days);
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  if (!(days > 0 && days <= 366)) throw new UsageError('--days takes a number from 1 to 366');
  if (!(scale > 0 && scale <= 100)) throw new UsageError('--scale takes a number above 0, at most 100');
  if (!Number.isInteger(seed)) throw new UsageError('--seed takes an integer');
  // Default: the `days` whole UTC days that end at today's midnight, so "7d" reports are full.
  const start = values.start ? new Date(values.start) : new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - days * DAY_MS);
  if (Number.isNaN(start.getTime())) throw new UsageError('--start takes an ISO date or time');
  return { days, scale, seed, start, tz: values.tz!, url: values.url };
}

/**
 * `wapulse simulate`: seeded synthetic traffic, either POSTed signed to a running collector
 * (`--url`) or written straight into the configured store through the ingest functions.
 */
export async function simulateCommand(config: Config, argv: string[], now = new Date()): Promise<void> {
  const args = parseSimulateArgs(argv, now);
  if (args.url) {
    const { appSecret } = config.whatsapp;
    const inbox = config.inbox.secret;
    if (!appSecret || !inbox) throw new UsageError('--url needs WHATSAPP_APP_SECRET and INBOX_WEBHOOK_SECRET, the same as the server has');
    const deliveries = generateTraffic(args);
    const tally = await deliverToServer(args.url.replace(/\/$/, ''), deliveries, { whatsapp: appSecret, inbox }, progress(deliveries.length));
    process.stdout.write(`\nposted ${tally.delivered} bodies to ${args.url}: ${JSON.stringify(tally.statuses)} by HTTP status\n`);
    return;
  }
  const store = await openMigratedStore(config);
  try {
    await simulateIntoStore(store, config, args, now, (line) => process.stdout.write(line));
  } finally {
    await store.close();
  }
}

/** Generates and stores a simulation, then settles conversations at `now`. Used by the demo too. */
export async function simulateIntoStore(store: Store, config: Config, args: SimulateArgs, now: Date, write: (s: string) => void) {
  const deliveries = generateTraffic(args);
  const summary = summarizeTraffic(deliveries);
  write(
    `simulating ${args.days} days from ${args.start.toISOString()} (seed ${args.seed}, scale ${args.scale}): ` +
      `${summary.deliveries} webhook bodies, ${summary.inboundMessages} inbound messages, ${summary.outboundWamids} outbound, ` +
      `${summary.conversations} conversations, ${summary.duplicates} duplicate deliveries\n`,
  );
  const started = Date.now();
  const tally = await deliverToStore(store.db, deliveries, config.whatsapp.attributionPattern, progress(deliveries.length, write));
  await settleConversations(store.db, now, config.conversationIdleMs);
  write(`\nstored in ${((Date.now() - started) / 1000).toFixed(1)} s: ${tally.delivered} bodies, ${tally.duplicates} duplicates ignored, ${tally.failed} refused\n`);
  return summary;
}

// A progress line rewritten in place on a terminal; every 10 000 bodies elsewhere (CI logs).
function progress(total: number, write: (s: string) => void = (s) => process.stdout.write(s)) {
  let shown = 0;
  return (n: number) => {
    if (process.stdout.isTTY) write(`\r  ${n}/${total} bodies`);
    else if (n - shown >= 10_000 || n === total) write(`  ${n}/${total} bodies\n`);
    else return;
    shown = n;
  };
}

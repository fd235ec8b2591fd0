import { readFileSync } from 'node:fs';
import { PERIOD_HELP, REPORT_NAMES } from '../metrics/index.js';

/** What `wapulse --help` prints: the commands, one line each; details come from `<command> --help`. */
export const GENERAL_USAGE = `usage: wapulse <command> [options]

commands:
  report <name>   print a report: ${REPORT_NAMES.join(', ')}
  demo            simulate 14 days into an embedded database, write reports and charts, then serve
  serve           start the collector HTTP server (and the Slack app when configured)
  migrate         apply database migrations and exit
  simulate        seeded synthetic traffic into the store, or POSTed signed to a server
  fuzz            POST seeded mutations of real bodies to the webhooks and count the answers
  reprocess       re-apply stored raw webhook bodies to the derived tables (after a fix)

options:
  -h, --help      this text; "wapulse <command> --help" for a command's options
  --version       the installed version

The database is DATABASE_URL (Postgres) when set, else the embedded one in DATA_DIR (./.data).
`;

/** Each command's own usage, printed by `wapulse <command> --help` (exit 0). */
export const COMMAND_USAGE: Record<string, string> = {
  report: `usage: wapulse report <name> [options]

names: ${REPORT_NAMES.join(', ')}

options:
  --period P         ${PERIOD_HELP}; default 7d
  --from D --to D    the same days as --period D..D (both days included); or ISO times with a
                     zone (2026-11-01T09:00:00Z), --to excluded
  --tz ZONE          IANA zone for days and hours (default REPORT_TZ, else UTC)
  --channel ID       one business number: its phone_number_id or display number
  --agent ID         one agent: id or full name (refused, with the known ones, when unknown)
  --team NAME        the agents of one team
  --format F         table (default), json, csv or png
  --section S        which table a CSV holds (default: the report's main one)
  --out FILE         write to FILE instead of standard output (png needs it)
  -h, --help         this text

The resolved window is printed in local time and zone: in the table header, or on stderr for
the other formats. Reads DATABASE_URL, else DATA_DIR; with neither holding data but the
demo's database (DATA_DIR/demo) present, reads the demo's and says so on stderr.
`,
  demo: `usage: wapulse demo [--no-serve] [--slack [--slack-rounds N]]

Simulates the 14 whole days (Asia/Dubai) that end at today's midnight, seed 42, into a fresh
embedded database in DATA_DIR/demo (./.data/demo); writes every report's JSON and chart to
./demo-out/; prints the overview of the last 7 of those days; then serves the collector on PORT.
The same day gives the same traffic, whatever the minute.

options:
  --no-serve         stop after writing the files (exit 0), as CI does
  --slack            then run the Slack app against a fake Slack on loopback: every /pulse
                     sub-command, signed, through the real receiver; prints each answer as text
                     with a Block Kit Builder link, and its ack and answer times
  --slack-rounds N   ask each sub-command N times and print the median times (implies --slack)
  -h, --help         this text
`,
  serve: `usage: wapulse serve

Starts the collector HTTP server on PORT (default 3000): webhooks, /healthz, /readyz, /metrics.
Migrates the database as soon as it answers. Configured by environment variables (see README).

options:
  -h, --help         this text
`,
  migrate: `usage: wapulse migrate

Applies pending migrations to DATABASE_URL (or the embedded database in DATA_DIR) and exits.

options:
  -h, --help         this text
`,
  simulate: `usage: wapulse simulate [options]

Seeded synthetic traffic for a Dubai shop, written into the configured store, or POSTed signed
to a running collector with --url (it needs WHATSAPP_APP_SECRET and INBOX_WEBHOOK_SECRET).

options:
  --days N           days to simulate, 1 to 366 (default 14)
  --scale X          traffic multiplier, above 0, at most 100 (default 1)
  --seed N           integer seed (default 42)
  --start ISO        first instant (default: the N whole UTC days ending at today's midnight)
  --tz ZONE          the shop's zone (default Asia/Dubai)
  --url URL          POST to this collector instead of writing into the store
  -h, --help         this text
`,
  fuzz: `usage: wapulse fuzz [options]

POSTs seeded mutations of real bodies to the three webhooks and prints the answers by status;
exit 1 on any 5xx or an answered body missing from raw_events.

options:
  --seed N           integer seed (default 1)
  --count N          bodies to send (default 1000)
  --concurrency N    requests in flight (default 4)
  --fixtures DIR     seed bodies (default test/fixtures)
  --url URL          a running collector (default: one in-process on an in-memory database)
  -h, --help         this text
`,
  reprocess: `usage: wapulse reprocess [--rebuild [--force]] [--resume | --restart] [--batch N]

Reads every stored raw webhook body again (raw_events, oldest first by received_at) with
today's normalisation and writes its facts, so a fix to normalisation reaches history. Then
settles conversations and rebuilds the tables computed from them.

By default the bodies are re-applied over the existing rows. Every write is an idempotent
upsert whose rollups keep the earliest time, so this fills in what a fix ADDS (a missing row,
an empty column) and changes nothing else; it is safe while serve runs, and rows whose raw
bodies were pruned (RAW_RETENTION_DAYS) are kept.

--rebuild first empties the derived tables (messages, statuses, contacts, conversations, …;
not agents, whose Slack links may predate the kept bodies), in the same transaction that
records the run, then re-applies: this also undoes what a fix REMOVES. It must not run beside
serve: reports would read half-empty tables until it ends, so stop serve first. It refuses
when raw bodies were pruned (derived rows older than the oldest kept body would be lost) or a
body arrived in the last 2 minutes (serve looks alive), unless --force. Contact and
conversation ids are not reused: ids held elsewhere name nothing rather than another row.

Each batch is one transaction that also records how far the run got, so a run that is
stopped (Ctrl-C stops after the current batch) or killed continues where it stopped with
--resume; a plain rerun says that a run is unfinished. A body that cannot be applied is
skipped, counted, and named by its raw_events id in the summary.

options:
  --rebuild          empty the derived tables first (stop serve first)
  --force            with --rebuild: rebuild although raw bodies were pruned or serve looks alive
  --resume           continue the unfinished run (same mode and batch size)
  --restart          abandon the unfinished run and start a new one
  --batch N          bodies per transaction, 1 to 10000 (default 500)
  -h, --help         this text
`,
};

/** The version in package.json (one folder above src/ and dist/). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

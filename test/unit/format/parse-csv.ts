/**
 * A small RFC 4180 reader for the tests: records end in CRLF, fields may be quoted, a quote
 * inside quotes is doubled. Written apart from the writer so a quoting slip shows up here.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { record.push(field); field = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i++; }
    else if (ch === '\n' || ch === '\r' || ch === '"') throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    else field += ch;
  }
  if (field !== '' || record.length) throw new Error('last record does not end in CRLF');
  return records;
}

/** Records as objects keyed by the header row; the header must name every column once. */
export function csvObjects(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...rest] = parseCsv(text);
  if (!header) throw new Error('no header row');
  if (new Set(header).size !== header.length) throw new Error(`duplicate columns: ${header.join(',')}`);
  for (const r of rest) if (r.length !== header.length) throw new Error(`row of ${r.length} fields under ${header.length} columns`);
  return { header, rows: rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!]))) };
}

import pg from 'pg';

/**
 * Database housekeeping on the admin URL: create, drop, test for existence. Names are built by
 * the bench itself from [a-z0-9_] and checked again here, so they are safe to splice into SQL.
 */
const SAFE_NAME = /^[a-z0-9_]+$/;

export async function adminQuery<R extends pg.QueryResultRow>(adminUrl: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${checked(name)}`;
  return url.toString();
}

export async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const rows = await adminQuery(adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [checked(name)]);
  return rows.length > 0;
}

export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await dropDatabase(adminUrl, name);
  await adminQuery(adminUrl, `CREATE DATABASE ${checked(name)}`);
  return databaseUrl(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${checked(name)} WITH (FORCE)`);
}

function checked(name: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`bench: unsafe database name ${name}`);
  return name;
}

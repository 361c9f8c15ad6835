/**
 * A statement run as a named prepared statement on its connection: PostgreSQL parses and plans it
 * once per connection instead of on every call. For the statements of the hot write paths, whose
 * text is the same on every call and whose planning (a posting is one statement of several common
 * table expressions) costs more than running them.
 */
import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import type { QueryResult, QueryResultRow } from 'pg';
import type { Db } from './client.js';

// The name follows from the text, so one name never stands for two texts on a connection.
const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `kopdes_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    if (names.size < 1000) names.set(text, name);
  }
  return name;
}

export function executePrepared<T extends QueryResultRow>(db: Db, statement: SQL): Promise<QueryResult<T>> {
  const { session, dialect } = db as unknown as { session: PgSession; dialect: PgDialect };
  const query = dialect.sqlToQuery(statement);
  return session.prepareQuery(query, undefined, nameOf(query.sql), false).execute() as Promise<QueryResult<T>>;
}

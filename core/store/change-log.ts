/**
 * The change journal behind incremental bundles. AFTER triggers on every exported table append the
 * primary key of each inserted, updated or deleted row to change_log, so "everything changed since
 * the last bundle" is the rows named after that bundle's last_change_seq: exact, and cheap to ask.
 */

/** A column name from our own table list, quoted for SQL; anything else is a programming error. */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return `"${name}"`;
}

/**
 * The three triggers that journal one table. Migrations call this with their own frozen table list;
 * its output must never change (a fresh database and an upgraded one must get the same triggers),
 * so a new trigger shape means a new function, not an edit.
 */
export function changeLogTriggers(table: string, key: readonly string[]): string {
  const t = ident(table);
  const keyOf = (row: 'NEW' | 'OLD') => `json_array(${key.map((k) => `${row}.${ident(k)}`).join(', ')})`;
  const log = (row: 'NEW' | 'OLD') => `INSERT INTO change_log (tbl, row_key) VALUES ('${table}', ${keyOf(row)});`;
  return `
CREATE TRIGGER change_log_${table}_ins AFTER INSERT ON ${t} BEGIN ${log('NEW')} END;
CREATE TRIGGER change_log_${table}_upd AFTER UPDATE ON ${t} BEGIN
  ${log('NEW')}
  INSERT INTO change_log (tbl, row_key) SELECT '${table}', ${keyOf('OLD')} WHERE ${keyOf('OLD')} IS NOT ${keyOf('NEW')};
END;
CREATE TRIGGER change_log_${table}_del AFTER DELETE ON ${t} BEGIN ${log('OLD')} END;
`;
}

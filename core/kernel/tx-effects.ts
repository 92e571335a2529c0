/**
 * What a handler does outside the database but inside its call's transaction (attachment files put in
 * place): undone if the transaction rolls back, finished once it has committed. The dispatcher opens
 * a scope around every transaction it runs; a handler registers its undo and its follow-up here.
 */
export interface TxEffects {
  /** Runs, newest first, when the transaction does not commit. */
  onRollback(fn: () => void): void;
  /** Runs after the commit (cleanup that must not happen before it). */
  afterCommit(fn: () => void): void;
}

interface Scope {
  rollback: (() => void)[];
  commit: (() => void)[];
}

const scopes = new WeakMap<object, Scope>();

/** The running transaction's effects on this connection; outside a dispatched call there is none. */
export function txEffects(db: object): TxEffects {
  const scope = scopes.get(db);
  if (!scope) throw new Error('file effects need the dispatcher\'s transaction');
  return { onRollback: (fn) => scope.rollback.push(fn), afterCommit: (fn) => scope.commit.push(fn) };
}

/** Runs `tx` (the transaction) with a scope; undoes or finishes what was registered. Never swallows. */
export function withTxEffects<T>(db: object, tx: () => T, onCleanupError: (err: unknown) => void): T {
  const scope: Scope = { rollback: [], commit: [] };
  const outer = scopes.get(db);
  scopes.set(db, scope);
  let value: T;
  try {
    value = tx();
  } catch (err) {
    for (const fn of scope.rollback.reverse()) {
      try {
        fn();
      } catch (e) {
        onCleanupError(e);
      }
    }
    throw err;
  } finally {
    if (outer) scopes.set(db, outer);
    else scopes.delete(db);
  }
  for (const fn of scope.commit) {
    try {
      fn();
    } catch (e) {
      onCleanupError(e);
    }
  }
  return value;
}

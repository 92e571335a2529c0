import type { HandlersOf } from '../handler.js';
import { centerInfo, configureCenter } from '../../services/center.js';
import { contract } from '../contract/index.js';
import { methodFacts, type MethodFacts } from '../contract/facts.js';
import { permissionMatrix, setPermissionMatrix } from '../../services/permissions.js';

/** The contract does not change while the program runs: read it once. */
let facts: Record<string, MethodFacts> | null = null;

export const systemHandlers: HandlersOf<'system'> = {
  'system.info': (ctx) => centerInfo(ctx),
  // A desk does not offer the county workstation's methods (the county host lists them instead).
  'system.capabilities': () => (facts ??= Object.fromEntries(Object.entries(methodFacts(contract)).filter(([m]) => !m.startsWith('county.')))),
  'system.configure': (ctx, input, session) => configureCenter(ctx, input, session.user),
  'system.permissions': (ctx) => permissionMatrix(ctx),
  'system.setPermissions': (ctx, input) => setPermissionMatrix(ctx, input),
};

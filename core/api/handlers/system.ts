import type { HandlersOf } from '../handler.js';
import { centerInfo, configureCenter } from '../../services/center.js';
import { permissionMatrix, setPermissionMatrix } from '../../services/permissions.js';

export const systemHandlers: HandlersOf<'system'> = {
  'system.info': (ctx) => centerInfo(ctx),
  'system.configure': (ctx, input, session) => configureCenter(ctx, input, session.user),
  'system.permissions': (ctx) => permissionMatrix(ctx),
  'system.setPermissions': (ctx, input) => setPermissionMatrix(ctx, input),
};

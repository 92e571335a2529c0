import type { LeaderDto, ParsedInput } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import { IntakeError } from '../../kernel/errors.js';
import { getLeader, insertLeader, leaderIdByName, listLeaders, updateLeader } from '../../store/roster.js';

function leadersSave(ctx: CoreContext, input: ParsedInput<'leaders.save'>): LeaderDto[] {
  const at = ctx.clock.now().toISOString();
  const sameName = leaderIdByName(ctx.db, input.name);
  if (sameName !== null && sameName !== input.id) throw new IntakeError('LEADER_DUPLICATE', { field: 'name' });
  if (input.id === undefined) {
    insertLeader(ctx.db, { name: input.name, title: input.title, role: input.role, active: input.active, sortOrder: input.sortOrder }, at);
  } else {
    const old = getLeader(ctx.db, input.id);
    if (!old) throw new IntakeError('LEADER_NOT_FOUND', { field: 'id' });
    updateLeader(ctx.db, { ...old, name: input.name, title: input.title, role: input.role, active: input.active, sortOrder: input.sortOrder ?? old.sortOrder }, at);
  }
  return listLeaders(ctx.db);
}

export const leadersHandlers: HandlersOf<'leaders'> = {
  'leaders.list': (ctx) => listLeaders(ctx.db),
  'leaders.save': leadersSave,
};

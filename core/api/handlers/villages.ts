import type { VillageDto } from '../contract/index.js';
import type { HandlersOf } from '../handler.js';
import type { CoreContext } from '../../kernel/context.js';
import { IntakeError } from '../../kernel/errors.js';
import { normaliseVillageName } from '../../domain/villages.js';
import { nameInitials } from '../../domain/pinyin.js';
import { findVillage, insertVillage, listVillages, type VillageRecord } from '../../store/villages.js';
import { townshipOrCenter } from '../../services/center.js';

// Chinese readers expect 拼音 order (安 before 白), not code-point order.
const byPinyin = new Intl.Collator('zh-CN');

const toDto = (row: VillageRecord): VillageDto => ({
  id: row.id,
  townshipCode: row.townshipCode,
  name: row.name,
  initials: nameInitials(row.name),
});

function villagesList(ctx: CoreContext, input: { township?: string }): VillageDto[] {
  return listVillages(ctx.db, townshipOrCenter(ctx, input.township))
    .map(toDto)
    .sort((a, b) => byPinyin.compare(a.name, b.name));
}

function villagesAdd(ctx: CoreContext, input: { township?: string; name: string }): VillageDto {
  const township = townshipOrCenter(ctx, input.township);
  const name = normaliseVillageName(input.name);
  if (findVillage(ctx.db, township, name)) throw new IntakeError('VILLAGE_DUPLICATE', { field: 'name' });
  return toDto(insertVillage(ctx.db, township, name, ctx.clock.now().toISOString()));
}

export const villagesHandlers: HandlersOf<'villages'> = {
  'villages.list': villagesList,
  'villages.add': villagesAdd,
};

/**
 * The `county.*` handlers. A township desk is not a county: its table answers COUNTY_ONLY. The
 * county workstation's table is async, on the county store (either engine); the county dispatch
 * (core/api/county-dispatch.ts) runs it.
 */
import type { HandlersOf } from '../handler.js';
import { IntakeError } from '../../kernel/errors.js';
import type { Session } from '../../kernel/session.js';
import type { MethodName, Output, ParsedInput } from '../contract/index.js';
import type { CountyDesk } from '../../services/county.js';

/** Loaded on the first county call: a township desk's core never loads the county store (Kysely, pg). */
const svc = () => import('../../services/county.js');
const assign = () => import('../../services/county-assign.js');

/** A township desk is not a county: the county host answers these (core/host/county-host.ts). */
const countyOnly = (): never => {
  throw new IntakeError('COUNTY_ONLY');
};

export const countyDeskHandlers: HandlersOf<'county'> = {
  'county.overview': countyOnly,
  'county.check': countyOnly,
  'county.import': countyOnly,
  'county.setLateDays': countyOnly,
  'county.standing': countyOnly,
  'county.townshipMatters': countyOnly,
  'county.searchPersons': countyOnly,
  'county.watchList': countyOnly,
  'county.exportXlsx': countyOnly,
  'county.supervision': countyOnly,
  'county.person': countyOnly,
  'county.assign': countyOnly,
  'county.batches': countyOnly,
};

type CountyMethod = Extract<MethodName, `county.${string}`>;
export type CountyHandler<M extends CountyMethod> = (desk: CountyDesk, input: ParsedInput<M>, session: Session) => Promise<Output<M>>;

export const countyHandlers: { [M in CountyMethod]: CountyHandler<M> } = {
  'county.overview': async (desk) => (await svc()).importsOverview(desk),
  'county.check': async (desk, input) => (await svc()).stageAndCheck(desk, input.fileName, Buffer.from(input.dataBase64, 'base64')),
  'county.import': async (desk, input) => (await svc()).importStaged(desk, input.stagedId),
  'county.setLateDays': async (desk, input) => {
    const s = await svc();
    await s.setLateDays(desk, input.days);
    return s.importsOverview(desk);
  },
  'county.standing': async (desk, input) => (await svc()).standing(desk, input.from, input.to),
  'county.townshipMatters': async (desk, input) => (await svc()).townshipMatters(desk, input.township, input.from, input.to),
  'county.searchPersons': async (desk, input) => (await svc()).searchPersons(desk, input.query),
  'county.watchList': async (desk, input) => (await svc()).watchList(desk, input.list),
  'county.supervision': async (desk) => (await svc()).supervision(desk),
  'county.exportXlsx': async (desk, input) => (await svc()).exportXlsx(desk, input.from, input.to),
  'county.person': async (desk, input) => (await svc()).personAcrossCounty(desk, input.key),
  'county.assign': async (desk, input) => (await assign()).assignBatch(desk, input),
  'county.batches': async (desk) => (await assign()).batchView(desk),
};

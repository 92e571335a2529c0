import type { HandlersOf } from '../handler.js';
import { IntakeError } from '../../kernel/errors.js';

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
  'county.personsAtSeveral': countyOnly,
  'county.person': countyOnly,
};

/** The county workstation's handlers: async, on the county store (either engine). */
import type { CountyDesk } from '../../services/county.js';
import type { Session } from '../../kernel/session.js';
import type { MethodName, Output, ParsedInput } from '../contract/index.js';
import {
  importsOverview, importStaged, personAcrossCounty, personsAtSeveral, searchPersons, setLateDays, stageAndCheck, standing, townshipMatters,
} from '../../services/county.js';

type CountyMethod = Extract<MethodName, `county.${string}`>;
export type CountyHandler<M extends CountyMethod> = (desk: CountyDesk, input: ParsedInput<M>, session: Session) => Promise<Output<M>>;

export const countyHandlers: { [M in CountyMethod]: CountyHandler<M> } = {
  'county.overview': (desk) => importsOverview(desk),
  'county.check': (desk, input) => stageAndCheck(desk, input.fileName, Buffer.from(input.dataBase64, 'base64')),
  'county.import': (desk, input) => importStaged(desk, input.stagedId),
  'county.setLateDays': async (desk, input) => {
    await setLateDays(desk, input.days);
    return importsOverview(desk);
  },
  'county.standing': (desk, input) => standing(desk, input.from, input.to),
  'county.townshipMatters': (desk, input) => townshipMatters(desk, input.township, input.from, input.to),
  'county.searchPersons': (desk, input) => searchPersons(desk, input.query),
  'county.personsAtSeveral': (desk) => personsAtSeveral(desk),
  'county.person': (desk, input) => personAcrossCounty(desk, input.key),
};

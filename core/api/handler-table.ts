/** Every namespace's handlers in one table: the mapped type makes a missing handler a compile error. */
import type { MethodName } from './contract/index.js';
import type { Handler } from './handler.js';
import { attachmentsHandlers } from './handlers/attachments.js';
import { auditHandlers } from './handlers/audit.js';
import { backupsHandlers } from './handlers/backups.js';
import { authHandlers } from './handlers/auth.js';
import { bundlesHandlers } from './handlers/bundles.js';
import { countyDeskHandlers } from './handlers/county.js';
import { instructionsHandlers } from './handlers/instructions.js';
import { jobsHandlers } from './handlers/jobs.js';
import { keysHandlers } from './handlers/keys.js';
import { leadersHandlers } from './handlers/leaders.js';
import { mattersHandlers } from './handlers/matters.js';
import { noticesHandlers } from './handlers/notices.js';
import { personsHandlers } from './handlers/persons.js';
import { projectsHandlers } from './handlers/projects.js';
import { receptionHandlers } from './handlers/reception.js';
import { referenceHandlers } from './handlers/reference.js';
import { rosterHandlers } from './handlers/roster.js';
import { statsHandlers } from './handlers/stats.js';
import { systemHandlers } from './handlers/system.js';
import { todayHandlers } from './handlers/today.js';
import { townshipsHandlers } from './handlers/townships.js';
import { unitsHandlers } from './handlers/units.js';
import { usersHandlers } from './handlers/users.js';
import { villagesHandlers } from './handlers/villages.js';
import { visitsHandlers } from './handlers/visits.js';

export const handlers: { [M in MethodName]: Handler<M> } = {
  ...systemHandlers,
  ...referenceHandlers,
  ...townshipsHandlers,
  ...villagesHandlers,
  ...personsHandlers,
  ...visitsHandlers,
  ...mattersHandlers,
  ...projectsHandlers,
  ...statsHandlers,
  ...noticesHandlers,
  ...unitsHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...auditHandlers,
  ...leadersHandlers,
  ...rosterHandlers,
  ...todayHandlers,
  ...receptionHandlers,
  ...instructionsHandlers,
  ...bundlesHandlers,
  ...keysHandlers,
  ...jobsHandlers,
  ...attachmentsHandlers,
  ...backupsHandlers,
  ...countyDeskHandlers,
};

export { countyHandlers, type CountyHandler } from './handlers/county.js';

import type { Migration } from '../migration.js';
import { migration as m001 } from './001-init.js';
import { migration as m002 } from './002-registration.js';
import { migration as m003 } from './003-lifecycle.js';
import { migration as m004 } from './004-bundles.js';
import { migration as m005 } from './005-roster.js';
import { migration as m006 } from './006-accounts.js';
import { migration as m007 } from './007-refold-status.js';
import { migration as m008 } from './008-person-activity.js';
import { migration as m009 } from './009-audit-checkpoints.js';
import { migration as m010 } from './010-figures.js';
import { migration as m011 } from './011-audit-detail.js';
import { migration as m012 } from './012-notice-register.js';
import { migration as m013 } from './013-units.js';
import { migration as m014 } from './014-status-columns-only.js';
import { migration as m015 } from './015-compact-facts.js';
import { migration as m016 } from './016-abnormal-skips.js';
import { migration as m017 } from './017-county-loop.js';
import { migration as m018 } from './018-national-record.js';
import { migration as m019 } from './019-intake-channels.js';
import { migration as m020 } from './020-evaluation-lifecycle.js';
import { migration as m021 } from './021-late-columns.js';
import { migration as m022 } from './022-visit-days.js';
import { migration as m023 } from './023-activity-search.js';

/** Applied in order; PRAGMA user_version holds the version of the last one applied. */
export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012, m013, m014, m015, m016, m017, m018, m019, m020, m021, m022, m023];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

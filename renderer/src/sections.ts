import { t } from './i18n/zh-CN';
import type { MethodName, Role } from '../../core/api/contract';

// The desk's sections and 系统管理's tabs, apart from the router: the frame (App.vue) and the lazily
// loaded 系统管理 page (Admin.vue) read them without importing the router that loads that page.

/**
 * The five sections of the desk; Alt+1…Alt+n jump to the ones the user sees, in this order. Each names
 * the contract method it is for: a role the contract does not let call it does not see the section.
 */
export const SECTIONS = [
  { path: '/intake', title: t.nav.intake, method: 'visits.register' },
  { path: '/today', title: t.nav.today, method: 'today.queue' },
  { path: '/matters', title: t.nav.matters, method: 'matters.list' },
  { path: '/stats', title: t.nav.stats, method: 'stats.report' },
  // The county workstation's sections: only its host lists these methods.
  { path: '/county/standing', title: '乡镇排名', method: 'county.standing' },
  { path: '/county/imports', title: '数据包导入', method: 'county.check' },
  { path: '/county/persons', title: '全县信访人', method: 'county.searchPersons' },
  { path: '/county/supervision', title: '督查督办', method: 'county.supervision' },
  { path: '/county/assign', title: '交办件', method: 'county.assign' },
  { path: '/admin', title: t.nav.admin, method: null },
] as const satisfies readonly { path: string; title: string; method: MethodName | null }[];

/** 系统管理's pages, each with the method that is its reason to exist; 系统管理 shows when any does. */
export const ADMIN_TABS = [
  { path: '/admin/villages', title: t.admin.villages, method: 'villages.add', testid: 'admin-villages' },
  { path: '/admin/center', title: t.admin.center, method: 'system.configure', testid: 'admin-center' },
  { path: '/admin/roster', title: '带班排班', method: 'roster.set', testid: 'admin-roster' },
  { path: '/admin/users', title: '账号', method: 'users.list', testid: 'admin-users' },
  { path: '/admin/audit', title: '审计日志', method: 'audit.list', testid: 'admin-audit' },
  { path: '/admin/bundles', title: '数据包', method: 'bundles.status', testid: 'admin-bundles' },
] as const satisfies readonly { path: string; title: string; method: MethodName; testid: string }[];

/** Where a role starts its day: the duty leader receives visitors; everyone else registers them. */
const HOME: Partial<Record<Role, string>> = { leader: '/today' };

type Can = (m: MethodName) => boolean;
export const visibleTabs = (can: Can) => ADMIN_TABS.filter((tab) => can(tab.method));
export const visibleSections = (can: Can) => SECTIONS.filter((s) => (s.method ? can(s.method) : visibleTabs(can).length > 0));
/** The first screen after signing in: the role's home if it may use it, else its first section. */
export function landing(role: Role | null, can: Can): string {
  const home = role ? HOME[role] : undefined;
  const sections = visibleSections(can);
  if (home && sections.some((s) => s.path === home)) return home;
  return sections[0]?.path ?? '/intake';
}

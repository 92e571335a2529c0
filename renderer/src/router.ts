import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import Register from './pages/register/Register.vue';
import { t } from './i18n/zh-CN';
import type { MethodName } from '../../core/api/contract';
import { landing, visibleTabs } from './sections';
import { useAuthStore } from './stores/auth';
import { useCapabilitiesStore } from './stores/capabilities';

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: () => { const caps = useCapabilitiesStore(); return landing(useAuthStore().me?.role ?? null, caps.can); } },
  // 登记 is the first screen and comes with the desk; every other page loads with its route (element.ts: and the rest of
  // Element Plus with the first of them).
  { path: '/intake', component: Register, meta: { title: t.nav.intake, method: 'visits.register', firstScreen: true } },
  {
    path: '/receipt/:matterId',
    component: () => import('./pages/Receipt.vue'),
    props: (route) => ({ matterId: Number(route.params.matterId) }),
    meta: { title: '回执', bare: true, method: 'matters.receipt' },
  },
  {
    path: '/notice/:matterId/:kind',
    component: () => import('./pages/Notice.vue'),
    props: (route) => ({ matterId: Number(route.params.matterId), kind: route.params.kind }),
    meta: { title: '告知书', bare: true, method: 'notices.render' },
  },
  {
    path: '/registration/:matterId',
    component: () => import('./pages/RegistrationForm.vue'),
    props: (route) => ({ matterId: Number(route.params.matterId) }),
    meta: { title: '登记表', bare: true, method: 'matters.get' },
  },
  {
    path: '/service/:noticeId',
    component: () => import('./pages/ServiceSheet.vue'),
    props: (route) => ({ noticeId: Number(route.params.noticeId) }),
    meta: { title: '送达回证', bare: true, method: 'notices.serviceSheet' },
  },
  { path: '/matters', component: () => import('./pages/matters/Matters.vue'), meta: { title: t.nav.matters, method: 'matters.list' } },
  { path: '/matters/:matterId', component: () => import('./pages/matters/MatterDetail.vue'), props: (route) => ({ matterId: Number(route.params.matterId) }), meta: { method: 'matters.get' } },
  { path: '/units', component: () => import('./pages/matters/UnitLoop.vue'), meta: { title: '转办跟踪', method: 'units.loop' } },
  { path: '/projects', component: () => import('./pages/matters/Projects.vue'), meta: { title: '风险评估项目', method: 'projects.list' } },
  { path: '/stats', component: () => import('./pages/stats/Stats.vue'), meta: { title: t.nav.stats, method: 'stats.report' } },
  { path: '/stats/print', component: () => import('./pages/stats/StatsPrint.vue'), meta: { title: '统计报告', bare: true, method: 'stats.report' } },
  { path: '/today', component: () => import('./pages/today/Today.vue'), meta: { title: t.nav.today, method: 'today.queue' } },
  { path: '/today/sheet/:date', component: () => import('./pages/today/DaySheet.vue'), props: (route) => ({ date: String(route.params.date) }), meta: { title: '领导接访登记表', bare: true, method: 'today.queue' } },
  { path: '/persons/:personId', component: () => import('./pages/persons/PersonHistory.vue'), props: (route) => ({ personId: Number(route.params.personId) }), meta: { title: '来访人全部记录', method: 'persons.history' } },
  { path: '/instructions', component: () => import('./pages/instructions/Instructions.vue'), meta: { title: '批示清单', method: 'instructions.list' } },
  {
    path: '/admin',
    component: () => import('./pages/admin/Admin.vue'),
    redirect: () => visibleTabs(useCapabilitiesStore().can)[0]?.path ?? '/',
    children: [
      { path: 'villages', component: () => import('./pages/admin/Villages.vue'), meta: { title: t.admin.villages, method: 'villages.add' } },
      { path: 'center', component: () => import('./pages/admin/Center.vue'), meta: { title: t.admin.center, method: 'system.configure' } },
      { path: 'roster', component: () => import('./pages/admin/Roster.vue'), meta: { title: '带班排班', method: 'roster.set' } },
      { path: 'users', component: () => import('./pages/admin/Users.vue'), meta: { title: '账号', method: 'users.list' } },
      { path: 'audit', component: () => import('./pages/admin/Audit.vue'), meta: { title: '审计日志', method: 'audit.list' } },
      { path: 'bundles', component: () => import('./pages/admin/Bundles.vue'), meta: { title: '数据包', method: 'bundles.status' } },
    ],
  },
  { path: '/county/standing', component: () => import('./pages/county/Standing.vue'), meta: { title: '乡镇排名', method: 'county.standing' } },
  { path: '/county/report', component: () => import('./pages/county/CountyReport.vue'), meta: { title: '全县通报', bare: true, method: 'county.standing' } },
  {
    path: '/county/township/:code',
    component: () => import('./pages/county/TownshipMatters.vue'),
    props: (route) => ({ code: String(route.params.code), from: route.query.from ? String(route.query.from) : undefined, to: route.query.to ? String(route.query.to) : undefined }),
    meta: { title: '乡镇信访事项', method: 'county.townshipMatters' },
  },
  { path: '/county/imports', component: () => import('./pages/county/Imports.vue'), meta: { title: '数据包导入', method: 'county.check' } },
  { path: '/county/persons', component: () => import('./pages/county/Persons.vue'), meta: { title: '全县信访人', method: 'county.searchPersons' } },
  { path: '/county/supervision', component: () => import('./pages/county/Supervision.vue'), meta: { title: '督查督办', method: 'county.supervision' } },
  { path: '/county/assign', component: () => import('./pages/county/Assign.vue'), meta: { title: '交办件', method: 'county.assign' } },
  {
    path: '/county/person/:key',
    component: () => import('./pages/county/Person.vue'),
    props: (route) => ({ personKey: String(route.params.key) }),
    meta: { title: '信访人全县事项', method: 'county.person' },
  },
  { path: '/:rest(.*)*', redirect: '/' },
];

// Hash history: the same build works from app:// in Electron and from the loopback shell.
export const router = createRouter({ history: createWebHashHistory(), routes });

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    bare?: boolean;
    /** The contract method the page is for: a role that may not call it is sent to its first screen. */
    method?: MethodName;
    /** The first screen: drawn with element.ts alone, before the rest of Element Plus is fetched. */
    firstScreen?: boolean;
  }
}

// A typed address or an old bookmark never opens a page the role cannot use: a refusal is not the first sign.
router.beforeEach((to) => {
  const auth = useAuthStore();
  const caps = useCapabilitiesStore();
  if (auth.screen !== 'desk' || !caps.loaded) return true;
  const method = to.meta.method;
  if (method && !caps.can(method)) return landing(auth.me?.role ?? null, caps.can);
  return true;
});

import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import Admin from './pages/admin/Admin.vue';
import Villages from './pages/admin/Villages.vue';
import Center from './pages/admin/Center.vue';
import Users from './pages/admin/Users.vue';
import Audit from './pages/admin/Audit.vue';
import Bundles from './pages/admin/Bundles.vue';
import Register from './pages/register/Register.vue';
import Receipt from './pages/Receipt.vue';
import Notice from './pages/Notice.vue';
import ServiceSheet from './pages/ServiceSheet.vue';
import RegistrationForm from './pages/RegistrationForm.vue';
import UnitLoop from './pages/matters/UnitLoop.vue';
import Matters from './pages/matters/Matters.vue';
import MatterDetail from './pages/matters/MatterDetail.vue';
import Projects from './pages/matters/Projects.vue';
import Today from './pages/today/Today.vue';
import DaySheet from './pages/today/DaySheet.vue';
import PersonHistory from './pages/persons/PersonHistory.vue';
import Instructions from './pages/instructions/Instructions.vue';
import Roster from './pages/admin/Roster.vue';
import { t } from './i18n/zh-CN';
import type { MethodName } from '../../core/api/contract';
import { landing, visibleTabs } from './sections';
import { useAuthStore } from './stores/auth';
import { useCapabilitiesStore } from './stores/capabilities';

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: () => { const caps = useCapabilitiesStore(); return landing(useAuthStore().me?.role ?? null, caps.can); } },
  { path: '/intake', component: Register, meta: { title: t.nav.intake, method: 'visits.register' } },
  {
    path: '/receipt/:matterId',
    component: Receipt,
    props: (route) => ({ matterId: Number(route.params.matterId) }),
    meta: { title: '回执', bare: true, method: 'matters.receipt' },
  },
  {
    path: '/notice/:matterId/:kind',
    component: Notice,
    props: (route) => ({ matterId: Number(route.params.matterId), kind: route.params.kind }),
    meta: { title: '告知书', bare: true, method: 'notices.render' },
  },
  {
    path: '/registration/:matterId',
    component: RegistrationForm,
    props: (route) => ({ matterId: Number(route.params.matterId) }),
    meta: { title: '登记表', bare: true, method: 'matters.get' },
  },
  {
    path: '/service/:noticeId',
    component: ServiceSheet,
    props: (route) => ({ noticeId: Number(route.params.noticeId) }),
    meta: { title: '送达回证', bare: true, method: 'notices.serviceSheet' },
  },
  { path: '/matters', component: Matters, meta: { title: t.nav.matters, method: 'matters.list' } },
  { path: '/matters/:matterId', component: MatterDetail, props: (route) => ({ matterId: Number(route.params.matterId) }), meta: { method: 'matters.get' } },
  { path: '/units', component: UnitLoop, meta: { title: '转办跟踪', method: 'units.loop' } },
  { path: '/projects', component: Projects, meta: { title: '风险评估项目', method: 'projects.list' } },
  // 统计研判 and its charts (echarts) load with the route, not with the desk.
  { path: '/stats', component: () => import('./pages/stats/Stats.vue'), meta: { title: t.nav.stats, method: 'stats.report' } },
  { path: '/stats/print', component: () => import('./pages/stats/StatsPrint.vue'), meta: { title: '统计报告', bare: true, method: 'stats.report' } },
  { path: '/today', component: Today, meta: { title: t.nav.today, method: 'today.queue' } },
  { path: '/today/sheet/:date', component: DaySheet, props: (route) => ({ date: String(route.params.date) }), meta: { title: '领导接访登记表', bare: true, method: 'today.queue' } },
  { path: '/persons/:personId', component: PersonHistory, props: (route) => ({ personId: Number(route.params.personId) }), meta: { title: '来访人全部记录', method: 'persons.history' } },
  { path: '/instructions', component: Instructions, meta: { title: '批示清单', method: 'instructions.list' } },
  {
    path: '/admin',
    component: Admin,
    redirect: () => visibleTabs(useCapabilitiesStore().can)[0]?.path ?? '/',
    children: [
      { path: 'villages', component: Villages, meta: { title: t.admin.villages, method: 'villages.add' } },
      { path: 'center', component: Center, meta: { title: t.admin.center, method: 'system.configure' } },
      { path: 'roster', component: Roster, meta: { title: '带班排班', method: 'roster.set' } },
      { path: 'users', component: Users, meta: { title: '账号', method: 'users.list' } },
      { path: 'audit', component: Audit, meta: { title: '审计日志', method: 'audit.list' } },
      { path: 'bundles', component: Bundles, meta: { title: '数据包', method: 'bundles.status' } },
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

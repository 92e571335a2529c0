import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import NotBuilt from './pages/NotBuilt.vue';
import Admin from './pages/admin/Admin.vue';
import Villages from './pages/admin/Villages.vue';
import Center from './pages/admin/Center.vue';
import Users from './pages/admin/Users.vue';
import Audit from './pages/admin/Audit.vue';
import Bundles from './pages/admin/Bundles.vue';
import Register from './pages/register/Register.vue';
import Receipt from './pages/Receipt.vue';
import Notice from './pages/Notice.vue';
import Matters from './pages/matters/Matters.vue';
import MatterDetail from './pages/matters/MatterDetail.vue';
import Projects from './pages/matters/Projects.vue';
import Today from './pages/today/Today.vue';
import DaySheet from './pages/today/DaySheet.vue';
import PersonHistory from './pages/persons/PersonHistory.vue';
import Instructions from './pages/instructions/Instructions.vue';
import Roster from './pages/admin/Roster.vue';
import { t } from './i18n/zh-CN';

/** The five sections of the desk; Alt+1…Alt+5 jump to them in this order. */
export const SECTIONS = [
  { path: '/intake', title: t.nav.intake, plan: '登记来访群众和信访事项：身份证号校验、按姓名拼音或证件尾号查找、重复访提示、回执打印。' },
  { path: '/today', title: t.nav.today, plan: '带班领导接访：今日排队、来访人全部历史、批示交办与跟踪。' },
  { path: '/matters', title: t.nav.matters, plan: '信访事项办理：受理、办理、延期、答复、办结的法定期限，一访两案，领导包案与督查督办。' },
  { path: '/stats', title: t.nav.stats, plan: '统计研判：及时受理率、按期办结率、参评满意率、“三无”乡镇与零上访村。' },
  { path: '/admin', title: t.nav.admin, plan: '' },
] as const;

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/intake' },
  { path: '/intake', component: Register, meta: { title: t.nav.intake } },
  {
    path: '/receipt/:matterId',
    component: Receipt,
    props: (route) => ({ matterId: Number(route.params.matterId) }),
    meta: { title: '回执', bare: true },
  },
  {
    path: '/notice/:matterId/:kind',
    component: Notice,
    props: (route) => ({ matterId: Number(route.params.matterId), kind: route.params.kind }),
    meta: { title: '告知书', bare: true },
  },
  { path: '/matters', component: Matters, meta: { title: t.nav.matters } },
  { path: '/matters/:matterId', component: MatterDetail, props: (route) => ({ matterId: Number(route.params.matterId) }) },
  { path: '/projects', component: Projects, meta: { title: '风险评估项目' } },
  // 统计研判 and its charts (echarts) load with the route, not with the desk.
  { path: '/stats', component: () => import('./pages/stats/Stats.vue'), meta: { title: t.nav.stats } },
  { path: '/stats/print', component: () => import('./pages/stats/StatsPrint.vue'), meta: { title: '统计报告', bare: true } },
  { path: '/today', component: Today, meta: { title: t.nav.today } },
  { path: '/today/sheet/:date', component: DaySheet, props: (route) => ({ date: String(route.params.date) }), meta: { title: '领导接访登记表', bare: true } },
  { path: '/persons/:personId', component: PersonHistory, props: (route) => ({ personId: Number(route.params.personId) }), meta: { title: '来访人全部记录' } },
  { path: '/instructions', component: Instructions, meta: { title: '批示清单' } },
  ...SECTIONS.filter((s) => !(['/admin', '/intake', '/today', '/matters', '/stats'] as string[]).includes(s.path)).map((s) => ({
    path: s.path,
    component: NotBuilt,
    props: { title: s.title, plan: s.plan },
    meta: { title: s.title },
  })),
  {
    path: '/admin',
    component: Admin,
    redirect: '/admin/villages',
    children: [
      { path: 'villages', component: Villages, meta: { title: t.admin.villages } },
      { path: 'center', component: Center, meta: { title: t.admin.center } },
      { path: 'roster', component: Roster, meta: { title: '带班排班' } },
      { path: 'users', component: Users, meta: { title: '账号' } },
      { path: 'audit', component: Audit, meta: { title: '审计日志' } },
      { path: 'bundles', component: Bundles, meta: { title: '数据包' } },
    ],
  },
  { path: '/:rest(.*)*', redirect: '/' },
];

// Hash history: the same build works from app:// in Electron and from the loopback shell.
export const router = createRouter({ history: createWebHashHistory(), routes });

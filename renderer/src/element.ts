/**
 * Element Plus for the first screen only: sign-in, the frame (App.vue) and 登记 (Register.vue, #/intake) with what they
 * import statically. Each component comes with its own stylesheet instead of the whole theme, so the first screen
 * downloads what it draws. Everything else is in element-rest.ts, fetched with the first other page (loadRestWith).
 * test/renderer/element-registry.test.ts keeps both lists complete.
 */
import type { App, Component, Plugin } from 'vue';
import type { Router } from 'vue-router';
import {
  ElAlert,
  ElAside,
  ElButton,
  ElCheckbox,
  ElCheckboxButton,
  ElCheckboxGroup,
  ElContainer,
  ElDatePicker,
  ElForm,
  ElFormItem,
  ElHeader,
  ElInput,
  ElInputNumber,
  ElMain,
  ElMessageBox,
  ElOption,
  ElProgress,
  ElRadio,
  ElRadioGroup,
  ElSelect,
  ElTag,
  provideGlobalConfig,
} from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/es/components/base/style/css';
import 'element-plus/es/components/alert/style/css';
import 'element-plus/es/components/aside/style/css';
import 'element-plus/es/components/button/style/css';
import 'element-plus/es/components/checkbox/style/css';
import 'element-plus/es/components/checkbox-button/style/css';
import 'element-plus/es/components/checkbox-group/style/css';
import 'element-plus/es/components/container/style/css';
import 'element-plus/es/components/date-picker/style/css';
import 'element-plus/es/components/form/style/css';
import 'element-plus/es/components/form-item/style/css';
import 'element-plus/es/components/header/style/css';
import 'element-plus/es/components/input/style/css';
import 'element-plus/es/components/input-number/style/css';
import 'element-plus/es/components/main/style/css';
import 'element-plus/es/components/message-box/style/css';
import 'element-plus/es/components/option/style/css';
import 'element-plus/es/components/progress/style/css';
import 'element-plus/es/components/radio/style/css';
import 'element-plus/es/components/radio-group/style/css';
import 'element-plus/es/components/select/style/css';
import 'element-plus/es/components/tag/style/css';

/** Registered by name, as templates use them (<el-date-picker> is ElDatePicker). */
export const FIRST_SCREEN_COMPONENTS: Record<string, Component> = {
  ElAlert,
  ElAside,
  ElButton,
  ElCheckbox,
  ElCheckboxButton,
  ElCheckboxGroup,
  ElContainer,
  ElDatePicker,
  ElForm,
  ElFormItem,
  ElHeader,
  ElInput,
  ElInputNumber,
  ElMain,
  ElOption,
  ElProgress,
  ElRadio,
  ElRadioGroup,
  ElSelect,
  ElTag,
};

/** Services the first screen calls: 登记 asks before discarding a half-typed registration. */
export const FIRST_SCREEN_SERVICES: Record<string, Plugin> = { ElMessageBox };

export function installFirstScreen(app: App): void {
  // As app.use(ElementPlus, { locale }) did: provided to the app and kept as the global fallback, so what renders
  // outside the app's tree (ElMessageBox, ElMessage) speaks Chinese too.
  provideGlobalConfig({ locale: zhCn }, app, true);
  for (const [name, component] of Object.entries(FIRST_SCREEN_COMPONENTS)) app.component(name, component);
  // app.use gives a service the app's context (its locale, z-index) when it renders outside the tree.
  for (const service of Object.values(FIRST_SCREEN_SERVICES)) app.use(service);
}

/**
 * The rest of Element Plus arrives with the first page that is not the first screen: fetched alongside that page's
 * chunk (beforeEach) and installed before it renders (beforeResolve), once.
 */
export function loadRestWith(router: Router, app: App): void {
  let rest: Promise<void> | undefined;
  const load = (): Promise<void> =>
    (rest ??= import('./element-rest').then(
      (m) => m.installRest(app),
      (e: unknown) => {
        rest = undefined; // a failed fetch is tried again on the next navigation
        throw e;
      },
    ));
  router.beforeEach((to) => {
    if (!to.meta.firstScreen) void load().catch(() => undefined); // beforeResolve reports the failure
  });
  router.beforeResolve(async (to) => {
    if (!to.meta.firstScreen) await load();
  });
}

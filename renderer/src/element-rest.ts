/**
 * Element Plus for every page but the first screen (element.ts has those): loaded lazily by loadRestWith, before the
 * first such page renders. test/renderer/element-registry.test.ts checks every el-* tag of the renderer is in one list.
 */
import type { App, Component, Plugin } from 'vue';
import {
  ElAutocomplete,
  ElDescriptions,
  ElDescriptionsItem,
  ElDialog,
  ElLink,
  ElLoading,
  ElMessage,
  ElOptionGroup,
  ElRadioButton,
  ElTabPane,
  ElTable,
  ElTableColumn,
  ElTabs,
} from 'element-plus';
import 'element-plus/es/components/autocomplete/style/css';
import 'element-plus/es/components/descriptions/style/css';
import 'element-plus/es/components/descriptions-item/style/css';
import 'element-plus/es/components/dialog/style/css';
import 'element-plus/es/components/link/style/css';
import 'element-plus/es/components/loading/style/css';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/option-group/style/css';
import 'element-plus/es/components/radio-button/style/css';
import 'element-plus/es/components/tab-pane/style/css';
import 'element-plus/es/components/table/style/css';
import 'element-plus/es/components/table-column/style/css';
import 'element-plus/es/components/tabs/style/css';

export const REST_COMPONENTS: Record<string, Component> = {
  ElAutocomplete,
  ElDescriptions,
  ElDescriptionsItem,
  ElDialog,
  ElLink,
  ElOptionGroup,
  ElRadioButton,
  ElTabPane,
  ElTable,
  ElTableColumn,
  ElTabs,
};

/** ElLoading brings v-loading (the tables of 村（社区）, 转办跟踪, the stats figures); ElMessage the pages' "已保存". */
export const REST_SERVICES: Record<string, Plugin> = { ElLoading, ElMessage };

export function installRest(app: App): void {
  for (const [name, component] of Object.entries(REST_COMPONENTS)) app.component(name, component);
  for (const service of Object.values(REST_SERVICES)) app.use(service);
}

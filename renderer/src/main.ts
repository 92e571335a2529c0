import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import './styles/page.css';
import App from './App.vue';
import { router } from './router';
import { landing } from './sections';
import { useSystemStore } from './stores/system';
import { useAuthStore } from './stores/auth';
import { useCapabilitiesStore } from './stores/capabilities';

const app = createApp(App).use(createPinia()).use(router).use(ElementPlus, { locale: zhCn });
// Sign-in state and the center's township decide what the first screen shows.
// The contract's roles and text limits first: menus, buttons and boxes are shaped by them.
await useCapabilitiesStore().load();
await useAuthStore().check();
await useSystemStore().load();
const auth = useAuthStore();
const caps = useCapabilitiesStore();
if (auth.screen === 'desk') {
  await caps.loadPermissions();
  // The first navigation ran before anyone was known: settle it now for this role.
  await router.isReady();
  const here = router.currentRoute.value;
  const method = here.meta.method;
  if (here.redirectedFrom?.path === '/' || (method && !caps.can(method))) await router.replace(landing(auth.me?.role ?? null, caps.can));
}
app.mount('#app');

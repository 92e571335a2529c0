import { createApp } from 'vue';
import { createPinia } from 'pinia';
// First, so Element Plus's stylesheets come before the desk's own, which refine them.
import { installFirstScreen, loadRestWith } from './element';
import './styles/page.css';
import App from './App.vue';
import { router } from './router';
import { landing } from './sections';
import { useSystemStore } from './stores/system';
import { useAuthStore } from './stores/auth';
import { useCapabilitiesStore } from './stores/capabilities';
import { afterFirstScreen, firstScreenShown } from './first-screen';

const app = createApp(App).use(createPinia());
installFirstScreen(app);
// Before app.use(router): that starts the first navigation, which may be to a page that needs the rest.
loadRestWith(router, app);
app.use(router);
/**
 * Startup is a function, not top-level await: the rest of Element Plus (element-rest) imports from the first screen's
 * chunk, which holds this module, and a dynamic import of a chunk whose module is still evaluating waits for it. With
 * top-level await, a first navigation to any page but 登记 awaited element-rest while element-rest awaited this
 * module: the desk never mounted.
 */
async function start(): Promise<void> {
  // Sign-in state, the contract's roles and text limits (menus, buttons and boxes are shaped by them) and the
  // center's township (the frame names it; 本中心 and 村（社区） start from it) decide the first screen: asked at once.
  await Promise.all([useCapabilitiesStore().load(), useAuthStore().check(), useSystemStore().load()]);
  const auth = useAuthStore();
  const caps = useCapabilitiesStore();
  if (auth.screen === 'desk') {
    // The first navigation ran before anyone was known: settle it now for this role. Where a role lands depends on
    // the contract's roles only (landing), not on the center's permission matrix.
    await router.isReady();
    const here = router.currentRoute.value;
    const method = here.meta.method;
    if (here.redirectedFrom?.path === '/' || (method && !caps.can(method))) await router.replace(landing(auth.me?.role ?? null, caps.can));
  }
  // Any page but 登记 has no search box to wait for: what first-screen.ts holds back goes out with it.
  router.afterEach((to) => {
    if (!to.meta.firstScreen) firstScreenShown();
  });
  if (auth.screen === 'desk' && !router.currentRoute.value.meta.firstScreen) firstScreenShown();
  app.mount('#app');
  // The matrix (who may record steps, approve extensions, correct) only shapes buttons of the matter pages, reactively:
  // after the search box has the keyboard.
  if (auth.screen === 'desk') afterFirstScreen(() => caps.loadPermissions());
}

void start();

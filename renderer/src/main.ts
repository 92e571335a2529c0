import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import './styles/page.css';
import App from './App.vue';
import { router } from './router';
import { useSystemStore } from './stores/system';
import { useAuthStore } from './stores/auth';

const app = createApp(App).use(createPinia()).use(router).use(ElementPlus, { locale: zhCn });
// Sign-in state and the center's township decide what the first screen shows.
await useAuthStore().check();
await useSystemStore().load();
app.mount('#app');

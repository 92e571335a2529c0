import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { router } from './router';
import { useSystemStore } from './stores/system';

const app = createApp(App).use(createPinia()).use(router).use(ElementPlus, { locale: zhCn });
// The frame needs the center's township before the first page decides what to show.
await useSystemStore().load();
app.mount('#app');

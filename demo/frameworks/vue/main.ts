/**
 * The Linli widgets in a Vue 3 page. Vue is told that linli-* tags are custom elements (see
 * scripts/build.mjs: compilerOptions.isCustomElement); it sets a bound value as a property when
 * the element has one (`.prop` forces it), and `@linli-…` listens to the widget's events.
 */
import { createApp } from 'vue';
import '../../../components/provider/define.ts';
import '../../../components/notice-board/define.ts';
import '../../../components/points-ranking/define.ts';
import App from './App.vue';

createApp(App).mount('#app');

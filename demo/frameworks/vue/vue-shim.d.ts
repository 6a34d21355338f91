// Single-file components are compiled by @vitejs/plugin-vue; tsc only needs to know they exist.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}

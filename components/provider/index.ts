export { LinliProvider } from './provider.ts';

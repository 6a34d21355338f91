import { defineElement } from '../core/define.ts';
import { LinliProvider } from './provider.ts';

defineElement('linli-provider', LinliProvider);

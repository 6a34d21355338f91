import { defineElement } from '../core/define.ts';
import { LinliNoticeBoard } from './notice-board.ts';

defineElement('linli-notice-board', LinliNoticeBoard);

import { defineElement } from '../core/define.ts';
import { LinliVolunteerBoard } from './volunteer-board.ts';

defineElement('linli-volunteer-board', LinliVolunteerBoard);

/** Registers every Linli element (linli/define): the eager alternative to the lazy linli.js loader. */
import './provider/define.ts';
import './notice-board/define.ts';
import './points-ranking/define.ts';
import './points-shop/define.ts';
import './meal-booking/define.ts';
import './volunteer-board/define.ts';

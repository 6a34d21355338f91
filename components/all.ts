// Every Linli widget in one script. (A lazy all-in-one loader that fetches each widget only when
// its tag appears on the page comes later.)
import './provider/define.ts';
import './notice-board/define.ts';

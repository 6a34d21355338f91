/**
 * The npm-style entry: every widget class and the pieces a host needs, exported unregistered
 * (no side effects on import). Register with `linli/define` (all) or `linli/<widget>/define`
 * (one), or call customElements.define with your own tag names.
 */
export * from './provider/index.ts';
export * from './notice-board/index.ts';
export * from './points-ranking/index.ts';
export * from './points-shop/index.ts';
export * from './meal-booking/index.ts';
export * from './volunteer-board/index.ts';
export { defineElement } from './core/define.ts';
export { HttpSource, type HttpSourceOptions } from './core/http-source.ts';
export { MemorySource, type MemorySourceOptions } from './core/memory-source.ts';
export { LinliSourceError, linliSourceContext, type LinliSource, type NoticeListQuery } from './core/source.ts';
export { TOKENS, HIGH_CONTRAST_TOKENS, DARK_TOKENS, themeStyles, tokenRule, type TokenName } from './core/theme.ts';
export type { Locale } from './core/i18n.ts';

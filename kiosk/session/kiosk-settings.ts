/**
 * What a resident may change for their own session at the kiosk — text size (字号), theme
 * (高对比度), language, the read-aloud switch (朗读) and volume — and the defaults every session
 * starts from. Nothing here outlives a session: the app puts the defaults back when it wipes one.
 */
import type { Locale } from '../../components/core/i18n.ts';
import { KIOSK_TEXT_STEPS_PX } from '../../components/core/theme.ts';

/** 0 = 24 px body text, then 28, 32 and 36 px (KIOSK_TEXT_STEPS_PX). */
export type TextSize = 0 | 1 | 2 | 3;
export const TEXT_SIZES: readonly TextSize[] = [0, 1, 2, 3];
export const LARGEST_TEXT_SIZE: TextSize = 3;

export type KioskTheme = 'standard' | 'high-contrast';

/** Volume steps offered on the settings screen (utterance volume 0–1). */
export const VOLUME_STEPS: readonly number[] = [0.2, 0.4, 0.6, 0.8, 1];

export interface KioskSettings {
  textSize: TextSize;
  theme: KioskTheme;
  locale: Locale;
  /** 朗读: speak each screen when it opens, and prompts, warnings and errors, automatically. */
  readAloud: boolean;
  /** Utterance volume, 0–1. */
  volume: number;
}

/** The defaults of every new session (the locale is the kiosk's configured one). */
export function defaultSettings(locale: Locale = 'zh-CN'): KioskSettings {
  return { textSize: 0, theme: 'standard', locale, readAloud: false, volume: 0.8 };
}

export function sameSettings(a: KioskSettings, b: KioskSettings): boolean {
  return a.textSize === b.textSize && a.theme === b.theme && a.locale === b.locale && a.readAloud === b.readAloud && a.volume === b.volume;
}

export function textSizePx(size: TextSize): number {
  return KIOSK_TEXT_STEPS_PX[size];
}

/** The next volume step up or down (clamped). */
export function stepVolume(volume: number, by: 1 | -1): number {
  const index = VOLUME_STEPS.reduce((best, v, i) => (Math.abs(v - volume) < Math.abs(VOLUME_STEPS[best]! - volume) ? i : best), 0);
  return VOLUME_STEPS[Math.min(VOLUME_STEPS.length - 1, Math.max(0, index + by))]!;
}

export interface SettingsChangeDetail {
  settings: Partial<KioskSettings>;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** A control (the settings screen, the footer's 字号) asks the app to change settings. */
    'linli-settings-change': CustomEvent<SettingsChangeDetail>;
  }
}

/** Types for scripts/kiosk-sw.mjs (used from TypeScript by the e2e tests). */
export function generateKioskServiceWorker(dir: string, base?: string): Promise<{ count: number; size: number }>;

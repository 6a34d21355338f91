export * from './notice.ts';
export * from './personal-data.ts';
export * from './pin-hash.ts';
export * from './resident.ts';
export * from './station.ts';
export * from './sync.ts';
export * from './schemas.ts';

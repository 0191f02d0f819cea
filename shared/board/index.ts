export * from './schema';
export * from './ids';
export * from './doc';
export * from './templates';
export * from './presence';
export * from './roles';

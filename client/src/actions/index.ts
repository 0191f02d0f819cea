export * from './command';
export * from './notes';
export * from './moderation';
export * from './readiness';
export * from './reactions';

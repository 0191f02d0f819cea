export * from './command';
export * from './notes';
export * from './moderation';

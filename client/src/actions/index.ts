export * from './command';
export * from './notes';

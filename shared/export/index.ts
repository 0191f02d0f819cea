export * from './extras';
export * from './table';
export * from './csv';
export * from './markdown';
export * from './json';
export * from './filename';

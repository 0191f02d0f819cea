export function compressDir(dir: string): { before: number; after: number };
export function precompress(): import('vite').Plugin;

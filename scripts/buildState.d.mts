export const SOURCE_DIRS: string[];
export const SOURCE_FILES: string[];
export const BUILD_OUTPUTS: string[];
export function whyRebuild(root: string, outputs?: string[]): string | null;

export const ROLES = ['facilitator', 'participant', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const canWrite = (role: Role): boolean => role !== 'viewer';
export const canFacilitate = (role: Role): boolean => role === 'facilitator';

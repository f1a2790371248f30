// Who is calling: the verified identity every subgraph builds from the gateway's forwarded claims.
import { createHash } from 'node:crypto';
export const ROLES = ['USER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export interface Viewer {
  id: string;
  role: Role;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * A user's id as the authority feed names it: its SHA-256 (hex). The feed must name deleted users for as
 * long as their access tokens live, and a deleted user's id is kept nowhere (right to erasure).
 */
export function subjectDigest(userId: string): string {
  return createHash('sha256').update(userId).digest('hex');
}

// Parses GraphQL inputs into typed values, once, at the edge; a bad field becomes BAD_USER_INPUT naming it.
import { isRole, type Role } from '@supergraph/auth';
import { BadUserInput } from '@supergraph/errors';
import { parseInput, withoutNulls, z } from '@supergraph/validation';

const username = z
  .string()
  .min(3, 'Username must be 3 to 32 characters')
  .max(32, 'Username must be 3 to 32 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'Username may contain only letters, digits, _ and -');
const email = z.string().trim().max(254, 'Email is too long').pipe(z.email('Email is not a valid address'));
const password = z
  .string()
  .min(8, 'Password must be 8 to 128 characters')
  .max(128, 'Password must be 8 to 128 characters');

const registerInput = z.object({ username, email, password });
const updateMeInput = z.object({
  username: username.optional(),
  email: email.optional(),
  password: password.optional(),
  currentPassword: z.string().max(128).optional(),
});

export type RegisterInput = z.infer<typeof registerInput>;
export type UpdateMeInput = z.infer<typeof updateMeInput>;

export const parseRegisterInput = (input: unknown): RegisterInput => parseInput(registerInput, input);

export function parseUpdateMeInput(input: Record<string, unknown>): UpdateMeInput {
  const parsed = parseInput(updateMeInput, withoutNulls(input));
  if (parsed.password && !parsed.currentPassword)
    throw new BadUserInput('currentPassword', 'Changing the password needs the current password');
  return parsed;
}

export function parseRole(role: unknown): Role {
  if (!isRole(role)) throw new BadUserInput('role', 'Unknown role');
  return role;
}

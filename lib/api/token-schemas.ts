import { roles } from '@/lib/actor';
import type { CreatedToken, TokenInfo } from '@/lib/auth/tokens';
import { timestamp } from './fields';
import { z } from './zod';

export const createTokenRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ example: 'nightly export' }),
    role: z.enum(roles),
    expiresAt: timestamp
      .optional()
      .openapi({ description: 'Refused after this time; never, if absent' }),
  })
  .openapi('CreateToken');

const info = {
  id: z.guid(),
  name: z.string(),
  role: z.enum(roles),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable().openapi({ description: 'At most a minute off' }),
  expiresAt: timestamp.nullable(),
};

export const tokenInfo = z.object(info).openapi('Token') satisfies z.ZodType<TokenInfo>;

export const createdToken = z
  .object({
    ...info,
    token: z.string().openapi({ description: 'The secret: shown in this answer only' }),
  })
  .openapi('CreatedToken') satisfies z.ZodType<CreatedToken>;

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** A password as stored: scrypt of the password with a per-account salt, and the cost it was made with. */
export interface PasswordHash {
  /** Random per-account salt, base64. */
  salt: string;
  /** The derived key, base64. */
  hash: string;
  /** scrypt cost parameters, kept so they can be raised later without breaking old accounts. */
  N: number;
  r: number;
  p: number;
}

/** N = 2^15, r = 8: 32 MiB and about a tenth of a second per try on the server's cores. */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;

/** Shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest password accepted (scrypt of megabytes would be a cheap denial of service). */
export const MAX_PASSWORD_LENGTH = 200;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)))
  );
}

/** Hashes a password with a new random salt (scrypt runs in libuv's pool, not on the event loop). */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, COST);
  return { salt: salt.toString('base64'), hash: hash.toString('base64'), ...COST };
}

/** Whether `password` matches; compares in constant time. */
export async function checkPassword(password: string, stored: PasswordHash): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(password, Buffer.from(stored.salt, 'base64'), stored);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash no password matches, checked when the account does not exist so that timing tells nothing. */
let decoy: Promise<PasswordHash> | undefined;
export function decoyHash(): Promise<PasswordHash> {
  decoy ??= hashPassword(randomBytes(24).toString('base64'));
  return decoy;
}

/** A random password to hand out once: 20 characters, 120 bits. */
export function randomPassword(): string {
  return randomBytes(15).toString('base64url');
}

/** Why a chosen password is refused, or null. */
export function passwordProblem(password: string): 'too_short' | 'too_long' | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
  return null;
}

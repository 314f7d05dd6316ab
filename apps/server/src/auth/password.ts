import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, 3 passes), the OWASP-recommended baseline. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/** Spends the time a real check would when the user does not exist, so timing does not reveal it. */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('tessera-decoy-password');
  await verifyPassword(await decoy, password);
  return false;
}

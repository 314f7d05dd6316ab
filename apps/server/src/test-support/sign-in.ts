import type { Server } from 'node:http';
import request from 'supertest';
import { DEMO_PASSWORD } from '../users/demo-users';

/** Signs a demo user in and returns the `Authorization` header value. */
export async function bearerFor(server: Server, username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await request(server).post('/api/auth/login').send({ username, password });
  if (response.status !== 200) {
    throw new Error(`Sign-in of ${username} failed with ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return `Bearer ${response.body.accessToken as string}`;
}

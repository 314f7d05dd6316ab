import { Entity, PrimaryColumn } from 'typeorm';

/** A role a user holds globally (`appKey` '*') or in one app. */
@Entity({ name: 'user_role' })
export class UserRole {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ name: 'app_key', type: 'text' })
  appKey!: string;

  @PrimaryColumn({ type: 'text' })
  role!: string;
}

export const GLOBAL_APP = '*';

import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Instance-wide key/value settings (the instance id, feature switches). */
@Entity({ name: 'system_setting' })
export class SystemSetting {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'jsonb' })
  value!: unknown;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

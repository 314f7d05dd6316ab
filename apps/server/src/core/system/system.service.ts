import { randomUUID } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SystemSetting } from './system-setting.entity';

const INSTANCE_ID = 'instance.id';

@Injectable()
export class SystemService implements OnApplicationBootstrap {
  private instanceId?: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    this.instanceId = await this.ensureInstanceId();
  }

  /** The id this installation was given on its first start; it survives restarts. */
  getInstanceId(): string | undefined {
    return this.instanceId;
  }

  private async ensureInstanceId(): Promise<string> {
    const settings = this.dataSource.getRepository(SystemSetting);
    await settings
      .createQueryBuilder()
      .insert()
      .values({ key: INSTANCE_ID, value: randomUUID() })
      .orIgnore()
      .execute();
    const row = await settings.findOneByOrFail({ key: INSTANCE_ID });
    return row.value as string;
  }
}

import { SystemSetting } from '../system/system-setting.entity';

/** Every TypeORM entity of the server; each module adds its own here. */
export const entities = [SystemSetting];

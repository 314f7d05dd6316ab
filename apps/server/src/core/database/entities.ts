import { AuditEvent } from '../../audit/audit-event.entity';
import { Department } from '../../users/department.entity';
import { User } from '../../users/user.entity';
import { UserRole } from '../../users/user-role.entity';
import { SystemSetting } from '../system/system-setting.entity';

/** Every TypeORM entity of the server; each module adds its own here. */
export const entities = [SystemSetting, AuditEvent, User, Department, UserRole];

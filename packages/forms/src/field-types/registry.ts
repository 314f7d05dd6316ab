import type { FieldType } from '../definition/types';
import { checkbox, multiSelect, radio, select, switchField } from './choice';
import { bankCard, landline, mobile, residentId, uscc } from './identity';
import { attachment, signature } from './media';
import { money } from './money';
import { integer, number, percent } from './numeric';
import { address, region } from './place';
import { departmentPicker, relation, userPicker } from './reference';
import type { FieldTypeSpec } from './spec';
import { computed, description, subform } from './structure';
import { date, datetime, time } from './temporal';
import { email, text, textarea, url } from './text';

export const fieldTypes: Record<FieldType, FieldTypeSpec> = {
  text, textarea, number, integer, money, percent, date, datetime, time,
  select, radio, multiSelect, checkbox, switch: switchField,
  email, url, mobile, landline, residentId, uscc, bankCard,
  region, address, attachment, userPicker, departmentPicker, relation,
  subform, computed, description, signature,
};

export const fieldTypeNames = Object.keys(fieldTypes) as FieldType[];

/** `var`: form fields, `$` columns and `$params.<name>` dataset parameters. */
import { type Operation, type Pointer, type TranslationContext, where } from '../rule-to-sql';
import { lazySql, type SqlExpression } from '../sql-expression';
import { fail } from '../translation-error';

function parameterExpression(name: string, context: TranslationContext, pointer: Pointer): SqlExpression {
  const definition = context.parameterDefinitions[name];
  if (!definition) {
    fail('filter.unknownParameter', where(context, pointer), {
      'zh-CN': `未声明的参数 "${name}"`,
      en: `the parameter "${name}" is not declared`,
    });
  }
  const given = context.parameterValues[name] ?? null;
  const key = `param:${name}`;
  switch (definition.type) {
    case 'number':
      return {
        sql: context.parameters.shared(key, given === null ? null : String(given), 'numeric'),
        type: 'numeric',
        nullable: given === null,
        origin: 'parameter',
      };
    case 'boolean':
      return {
        sql: context.parameters.shared(key, given, 'boolean'),
        type: 'boolean',
        nullable: given === null,
        origin: 'parameter',
      };
    case 'stringList':
      return {
        sql: context.parameters.shared(key, given, 'text[]'),
        type: 'textList',
        nullable: given === null,
        origin: 'parameter',
      };
    case 'date':
      return lazySql(
        {
          type: 'text',
          nullable: given === null,
          origin: 'parameter',
          dateOnly: true,
          temporal: 'date',
          asDate: () => context.parameters.shared(`${key}:date`, given, 'date'),
        },
        () => context.parameters.shared(key, given, 'text'),
      );
    case 'datetime':
      return lazySql(
        {
          type: 'text',
          nullable: given === null,
          origin: 'parameter',
          temporal: 'datetime',
          asInstant: () => context.parameters.shared(`${key}:instant`, given, 'timestamptz'),
        },
        () => context.parameters.shared(key, given, 'text'),
      );
    default:
      return {
        sql: context.parameters.shared(key, given, 'text'),
        type: 'text',
        nullable: given === null,
        origin: 'parameter',
      };
  }
}

export const variable: Operation = (args, context, pointer) => {
  const path = args[0];
  if (typeof path !== 'string' || path === '') {
    fail('filter.invalidVar', where(context, pointer), {
      'zh-CN': 'var 必须指向一个字段路径',
      en: 'var must name a field path',
    });
  }
  if (args.length > 1 && args[1] !== null) {
    fail('filter.varDefault', where(context, pointer), {
      'zh-CN': '报表筛选中的 var 不支持默认值',
      en: 'var with a default value is not supported in report filters',
    });
  }
  if (path.startsWith('$params.')) return parameterExpression(path.slice('$params.'.length), context, pointer);
  const field = context.resolver.resolve(path);
  if (!field) {
    fail('filter.unknownField', where(context, pointer), {
      'zh-CN': `字段 "${path}" 不存在于数据源中`,
      en: `the field "${path}" does not exist in the source`,
    });
  }
  return { sql: field.sql, type: field.sqlType, nullable: true, origin: 'field', field };
};

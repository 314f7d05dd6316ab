import { type ArgumentMetadata, HttpStatus, ValidationPipe } from '@nestjs/common';
import type { LocalizedText } from '@tessera/rules';
import type { ValidationError } from 'class-validator';
import { ApiError, type ApiErrorDetail } from '../errors/api-error';
import { text } from '../errors/localized';

/** Chinese wording of the class-validator constraints the DTOs use; English comes from class-validator. */
const chineseByConstraint: Record<string, string> = {
  isString: '必须是字符串',
  isNotEmpty: '不能为空',
  isInt: '必须是整数',
  isNumber: '必须是数字',
  isBoolean: '必须是布尔值',
  isArray: '必须是数组',
  isObject: '必须是对象',
  isUuid: '必须是 UUID',
  isIn: '取值不在允许的范围内',
  isEnum: '取值不在允许的范围内',
  min: '小于允许的最小值',
  max: '大于允许的最大值',
  minLength: '长度过短',
  maxLength: '长度过长',
  arrayMaxSize: '元素过多',
  arrayMinSize: '元素过少',
  matches: '格式不正确',
  whitelistValidation: '不允许出现此属性',
  isDefined: '必须提供',
  isDateString: '必须是 ISO 日期',
};

function describe(constraint: string, english: string): LocalizedText {
  return text(chineseByConstraint[constraint] ?? '取值无效', english);
}

export function validationDetails(errors: ValidationError[], parent = ''): ApiErrorDetail[] {
  const details: ApiErrorDetail[] = [];
  for (const error of errors) {
    const path = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    for (const [constraint, english] of Object.entries(error.constraints ?? {})) {
      details.push({ path, code: `validation.${constraint}`, message: describe(constraint, english) });
    }
    if (error.children?.length) details.push(...validationDetails(error.children, path));
  }
  return details;
}

const FREE_FORM_PROPERTIES = Symbol('tessera:freeFormProperties');

/**
 * Marks a DTO property that holds caller-shaped JSON validated in full by an engine further in
 * (record data by the form engine, for one): the pipe still requires it to be an object (with the
 * property's own validators, e.g. `@IsObject()`) and strips prototype keys from it, but does not
 * have class-transformer copy it property by property into a new object on every request.
 */
export function FreeFormJson(): PropertyDecorator {
  return (target, property) => {
    const owner = target.constructor as unknown as Record<symbol, string[] | undefined>;
    const inherited = owner[FREE_FORM_PROPERTIES] ?? [];
    Object.defineProperty(owner, FREE_FORM_PROPERTIES, {
      value: [...inherited, String(property)],
      configurable: true,
    });
  };
}

function freeFormProperties(metatype: unknown): string[] | undefined {
  return typeof metatype === 'function'
    ? (metatype as unknown as Record<symbol, string[] | undefined>)[FREE_FORM_PROPERTIES]
    : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * The `ValidationPipe` with `@FreeFormJson()` properties set aside while the DTO is transformed and
 * validated: an object there is checked in the DTO's place as an empty object (so `@IsObject()`
 * and the whitelist still apply) and put back, cleaned of prototype keys, on the validated DTO.
 * Anything else stays where it is and is refused by the DTO's validators as before.
 */
class TesseraValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const properties = freeFormProperties(metadata.metatype);
    if (!properties?.length || !isPlainObject(value)) return super.transform(value, metadata);
    const shallow: Record<string, unknown> = { ...value };
    const aside = new Map<string, Record<string, unknown>>();
    for (const property of properties) {
      const held = shallow[property];
      if (!isPlainObject(held)) continue;
      this.stripProtoKeys(held);
      aside.set(property, held);
      shallow[property] = {};
    }
    const entity = (await super.transform(shallow, metadata)) as Record<string, unknown>;
    for (const [property, held] of aside) entity[property] = held;
    return entity;
  }
}

/** DTO validation for every route: unknown properties are refused and every problem is listed. */
export function createValidationPipe(): ValidationPipe {
  return new TesseraValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new ApiError(
        HttpStatus.BAD_REQUEST,
        'request.invalid',
        text('请求参数不正确', 'The request has invalid values'),
        validationDetails(errors),
      ),
  });
}

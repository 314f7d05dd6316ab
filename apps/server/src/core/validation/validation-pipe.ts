import { HttpStatus, ValidationPipe } from '@nestjs/common';
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

/** DTO validation for every route: unknown properties are refused and every problem is listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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

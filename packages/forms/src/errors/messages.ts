import type { LocalizedText } from '@tessera/rules';

/**
 * Error messages of submitted data, by code. `{label}` is the field's label in the same
 * language; other `{names}` are the error's parameters.
 */
export const dataMessages: Record<string, LocalizedText> = {
  required: { 'zh-CN': '请填写{label}', en: '{label} is required' },
  type: { 'zh-CN': '{label}的值类型不正确', en: '{label} has a value of the wrong type' },
  'field.unknown': { 'zh-CN': '表单中没有字段“{field}”', en: 'the form has no field "{field}"' },
  'text.minLength': { 'zh-CN': '{label}至少需要 {limit} 个字符', en: '{label} must be at least {limit} characters long' },
  'text.maxLength': { 'zh-CN': '{label}不能超过 {limit} 个字符', en: '{label} must be at most {limit} characters long' },
  'text.pattern': { 'zh-CN': '{label}的格式不正确', en: '{label} is not in the expected format' },
  'number.min': { 'zh-CN': '{label}不能小于 {limit}', en: '{label} must be at least {limit}' },
  'number.max': { 'zh-CN': '{label}不能大于 {limit}', en: '{label} must be at most {limit}' },
  'number.integer': { 'zh-CN': '{label}必须是整数', en: '{label} must be a whole number' },
  'number.precision': { 'zh-CN': '{label}最多保留 {precision} 位小数', en: '{label} allows at most {precision} decimal places' },
  'money.format': { 'zh-CN': '{label}必须是金额数字，如 1000.00', en: '{label} must be an amount such as 1000.00' },
  'money.precision': { 'zh-CN': '{label}最多保留 {precision} 位小数', en: '{label} allows at most {precision} decimal places' },
  'money.min': { 'zh-CN': '{label}不能小于 {min}', en: '{label} must be at least {min}' },
  'money.max': { 'zh-CN': '{label}不能大于 {max}', en: '{label} must be at most {max}' },
  'date.format': { 'zh-CN': '{label}必须是有效日期（YYYY-MM-DD）', en: '{label} must be a valid date (YYYY-MM-DD)' },
  'date.min': { 'zh-CN': '{label}不能早于 {min}', en: '{label} must not be before {min}' },
  'date.max': { 'zh-CN': '{label}不能晚于 {max}', en: '{label} must not be after {max}' },
  'datetime.format': { 'zh-CN': '{label}必须是带时区的日期时间', en: '{label} must be a date and time with a time zone' },
  'datetime.min': { 'zh-CN': '{label}不能早于 {min}', en: '{label} must not be before {min}' },
  'datetime.max': { 'zh-CN': '{label}不能晚于 {max}', en: '{label} must not be after {max}' },
  'time.format': { 'zh-CN': '{label}必须是有效时间（HH:mm）', en: '{label} must be a valid time (HH:mm)' },
  'time.min': { 'zh-CN': '{label}不能早于 {min}', en: '{label} must not be before {min}' },
  'time.max': { 'zh-CN': '{label}不能晚于 {max}', en: '{label} must not be after {max}' },
  'option.invalid': { 'zh-CN': '{label}的选项无效', en: '{label} has an option that is not offered' },
  'options.minItems': { 'zh-CN': '{label}至少选择 {limit} 项', en: 'choose at least {limit} for {label}' },
  'options.maxItems': { 'zh-CN': '{label}最多选择 {limit} 项', en: 'choose at most {limit} for {label}' },
  'options.duplicate': { 'zh-CN': '{label}中有重复项', en: '{label} lists an item twice' },
  'email.format': { 'zh-CN': '{label}不是有效的电子邮箱地址', en: '{label} is not a valid e-mail address' },
  'url.format': { 'zh-CN': '{label}必须是以 http:// 或 https:// 开头的网址', en: '{label} must be a web address starting with http:// or https://' },
  'mobile.format': { 'zh-CN': '{label}不是有效的手机号码', en: '{label} is not a valid mainland mobile number' },
  'landline.format': { 'zh-CN': '{label}不是有效的固定电话号码（如 010-62345678）', en: '{label} is not a valid landline number (e.g. 010-62345678)' },
  'residentId.format': { 'zh-CN': '{label}必须是 18 位身份证号码', en: '{label} must be an 18-character resident ID number' },
  'residentId.region': { 'zh-CN': '{label}的地区码无效', en: '{label} has an invalid region code' },
  'residentId.birthDate': { 'zh-CN': '{label}中的出生日期无效', en: '{label} contains an invalid birth date' },
  'residentId.checksum': { 'zh-CN': '{label}的校验位不正确', en: '{label} has a wrong check character' },
  'residentId.minAge': { 'zh-CN': '{label}对应的年龄须不小于 {minAge} 周岁', en: 'the holder of {label} must be at least {minAge} years old' },
  'residentId.maxAge': { 'zh-CN': '{label}对应的年龄须不大于 {maxAge} 周岁', en: 'the holder of {label} must be at most {maxAge} years old' },
  'uscc.format': { 'zh-CN': '{label}必须是 18 位统一社会信用代码', en: '{label} must be an 18-character unified social credit code' },
  'uscc.checksum': { 'zh-CN': '{label}的校验位不正确', en: '{label} has a wrong check character' },
  'bankCard.format': { 'zh-CN': '{label}必须是 12 至 19 位数字', en: '{label} must be 12 to 19 digits' },
  'bankCard.checksum': { 'zh-CN': '{label}不是有效的银行卡号（校验位错误）', en: '{label} is not a valid card number (wrong check digit)' },
  'region.format': { 'zh-CN': '{label}的行政区划代码无效', en: '{label} has an invalid division code' },
  'region.mismatch': { 'zh-CN': '{label}的省市区不一致', en: 'the province, city and district of {label} do not belong together' },
  'region.incomplete': { 'zh-CN': '{label}需要选择到{level}', en: '{label} must be chosen down to the {level}' },
  'region.invalid': { 'zh-CN': '{label}的地区不正确', en: '{label} is not a valid region' },
  'address.incomplete': { 'zh-CN': '{label}需要填写详细地址', en: '{label} needs a street address' },
  'address.invalid': { 'zh-CN': '{label}的地址不正确', en: '{label} is not a valid address' },
  'attachment.maxSize': { 'zh-CN': '{label}的文件不能超过 {limit} 字节', en: 'files of {label} must be at most {limit} bytes' },
  'attachment.type': { 'zh-CN': '{label}不接受该文件类型', en: '{label} does not accept this type of file' },
  'attachment.maxFiles': { 'zh-CN': '{label}最多上传 {limit} 个文件', en: '{label} takes at most {limit} files' },
  'attachment.invalid': { 'zh-CN': '{label}的附件信息不完整', en: 'an attachment of {label} is incomplete' },
  'signature.invalid': { 'zh-CN': '{label}的签名无效', en: '{label} is not a valid signature' },
  'relation.invalid': { 'zh-CN': '{label}的关联记录无效', en: '{label} does not refer to a record properly' },
  'userPicker.invalid': { 'zh-CN': '{label}的用户无效', en: '{label} is not a valid user' },
  'departmentPicker.invalid': { 'zh-CN': '{label}的部门无效', en: '{label} is not a valid department' },
  'subform.minRows': { 'zh-CN': '{label}至少需要 {minRows} 行', en: '{label} needs at least {minRows} rows' },
  'subform.maxRows': { 'zh-CN': '{label}最多 {limit} 行', en: '{label} takes at most {limit} rows' },
  'subform.row': { 'zh-CN': '{label}的每一行必须是对象', en: 'each row of {label} must be an object' },
  'computed.type': { 'zh-CN': '{label}的计算结果类型不正确', en: 'the computed value of {label} has the wrong type' },
  'rule.failed': { 'zh-CN': '{label}不符合规则', en: '{label} breaks a rule' },
  'rule.error': { 'zh-CN': '{label}的规则无法求值：{detail}', en: 'a rule of {label} could not be evaluated: {detail}' },
  'data.type': { 'zh-CN': '提交的数据必须是对象', en: 'the submitted data must be an object' },
};

const levelNames: Record<string, LocalizedText> = {
  province: { 'zh-CN': '省', en: 'province' },
  city: { 'zh-CN': '市', en: 'city' },
  district: { 'zh-CN': '区县', en: 'district' },
};

/** Fills a message template with the label and parameters in one language. */
export function formatMessage(template: string, label: string, params: Record<string, unknown> | undefined, locale: 'zh-CN' | 'en'): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name === 'label') return label;
    const value = params?.[name];
    if (value === undefined) return whole;
    if (name === 'level' && typeof value === 'string' && levelNames[value]) return levelNames[value][locale];
    return String(value);
  });
}

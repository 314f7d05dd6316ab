import { ApiError, apiErrorFromResponse, describeError, networkError } from './api-error';

describe('API errors', () => {
  it('keeps the documented error body with its details', () => {
    const error = apiErrorFromResponse(
      422,
      { code: 'record.invalid', message: '记录不符合规则', details: [{ path: 'applicant.idNumber', code: 'idNumber.checksum', message: '身份证号校验位不正确' }] },
      'zh-CN',
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe('record.invalid');
    expect(describeError(error)).toEqual({ title: '记录不符合规则', details: ['applicant.idNumber：身份证号校验位不正确'] });
  });

  it('names the file and the path of an import problem', () => {
    const error = apiErrorFromResponse(422, { code: 'template.invalid', message: 'bad', details: [{ file: 'forms/a.form.json', path: 'fields[0].type', code: 'x', message: 'unknown type' }] }, 'en');
    expect(describeError(error).details).toEqual(['forms/a.form.json · fields[0].type：unknown type']);
  });

  it('gives an answer outside the documented shape a message by status in the reader’s language', () => {
    expect(apiErrorFromResponse(403, '<html>', 'zh-CN').message).toBe('您没有执行此操作的权限');
    expect(apiErrorFromResponse(403, null, 'en').message).toBe('You are not allowed to do this');
    expect(apiErrorFromResponse(503, {}, 'en')).toMatchObject({ status: 503, code: 'http.503', message: 'The server failed; try again later' });
  });

  it('describes a network failure in both languages', () => {
    expect(networkError('zh-CN').message).toContain('无法连接服务器');
    expect(networkError('en').message).toContain('Cannot reach the server');
  });
});

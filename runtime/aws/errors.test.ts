import { classifyAwsError, describeError } from './errors';

const err = (name: string, message: string, status = 400, extra: object = {}) => Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status }, ...extra });
const rules = { notFound: [{ code: 'ValidationException', messagePrefix: 'Could not find model' }, { code: 'ResourceNotFound' }], terminalCodes: ['InvalidParameterValue', 'ThrottlingException'] };

describe('classifyAwsError', () => {
  it('not-found matchers first, narrowed by message', () => {
    expect(classifyAwsError(err('ValidationException', 'Could not find model "m".'), rules).class).toBe('notFound');
    expect(classifyAwsError(err('ResourceNotFound', 'x'), rules).class).toBe('notFound');
    expect(classifyAwsError(err('ValidationException', 'bad value'), rules).class).toBe('validation');
  });
  it('a validation error naming a resource that does not exist yet is retried, not invalid input', () => {
    const none = { notFound: [], terminalCodes: [] };
    expect(classifyAwsError(err('ValidationException', "Could not find model 'arn:aws:sagemaker:us-east-1:1:model/m'."), none).class).toBe('transient');
    expect(classifyAwsError(err('ValidationException', 'No scalable target registered for service namespace'), none).class).toBe('transient');
    expect(classifyAwsError(err('ValidationException', '1 validation error detected: Value at instanceType failed'), none).class).toBe('validation');
  });
  it('throttling is never terminal, even if a descriptor lists it', () => {
    expect(classifyAwsError(err('ThrottlingException', 'Rate exceeded'), rules).class).toBe('throttled');
    expect(classifyAwsError(err('Whatever', 'x', 429), rules).class).toBe('throttled');
    expect(classifyAwsError(err('X', 'x', 400, { $retryable: { throttling: true } }), rules).class).toBe('throttled');
    expect(classifyAwsError(err('RequestLimitExceeded', 'x'), rules).class).toBe('throttled');
  });
  it('terminal codes, access denied, transient', () => {
    expect(classifyAwsError(err('InvalidParameterValue', 'x'), rules).class).toBe('terminal');
    expect(classifyAwsError(err('AccessDeniedException', 'no'), rules).class).toBe('accessDenied');
    expect(classifyAwsError(err('InternalFailure', 'x', 500, { $fault: 'server' }), rules)).toMatchObject({ class: 'transient', fault: 'server', httpStatus: 500 });
    expect(classifyAwsError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), rules)).toMatchObject({ class: 'transient', code: 'ECONNREFUSED', fault: 'unknown' });
  });
  it('describes as "Code: message"', () => {
    expect(describeError({ code: 'A', message: 'b' })).toBe('A: b');
    expect(describeError({ code: 'A', message: 'A' })).toBe('A');
  });
});

import { CREATE_ATTEMPT_ANNOTATION, createAttempt, createToken } from './idempotency';

describe('create tokens', () => {
  it('are stable for one uid and attempt, and differ across attempts and objects', () => {
    const t = createToken('5f1c0c3e-0000-4000-8000-000000000001', 1);
    expect(createToken('5f1c0c3e-0000-4000-8000-000000000001', 1)).toBe(t);
    expect(createToken('5f1c0c3e-0000-4000-8000-000000000001', 2)).not.toBe(t);
    expect(createToken('5f1c0c3e-0000-4000-8000-000000000002', 1)).not.toBe(t);
  });

  it('look like the UUIDs the SDKs send (36 characters, fits SageMaker 32–128 and [a-zA-Z0-9-])', () => {
    const t = createToken('uid', 7);
    expect(t).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('the attempt is 1 until an annotation says otherwise; junk counts as 1', () => {
    expect(createAttempt({})).toBe(1);
    expect(createAttempt({ [CREATE_ATTEMPT_ANNOTATION]: '3' })).toBe(3);
    expect(createAttempt({ [CREATE_ATTEMPT_ANNOTATION]: 'x' })).toBe(1);
    expect(createAttempt({ [CREATE_ATTEMPT_ANNOTATION]: '0' })).toBe(1);
  });
});

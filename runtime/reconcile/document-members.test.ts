import type { DocumentMember } from '../descriptor';
import { documentValues, elementValues, sameValues } from './document-members';

// As generator.yaml declares Lambda's permissions (api-models/lambda/generator.yaml).
const compare: Record<string, DocumentMember> = {
  action: { path: 'Action' },
  principal: { path: 'Principal', as: 'iam_principal' },
  sourceARN: { path: 'Condition.ArnLike.AWS:SourceArn' },
  sourceAccount: { path: 'Condition.StringEquals.AWS:SourceAccount' },
};

describe('document members: an element compared with the document entry AWS reports for it', () => {
  it('reads each member at its path in the entry, and by JSON name in the element', () => {
    const statement = {
      Sid: 's3', Effect: 'Allow', Action: 'lambda:InvokeFunction', Principal: { Service: 's3.amazonaws.com' },
      Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::b' }, StringEquals: { 'AWS:SourceAccount': '111122223333' } },
    };
    const have = documentValues(compare, statement);
    expect(have).toEqual({ action: 'lambda:InvokeFunction', principal: 's3.amazonaws.com', sourceARN: 'arn:aws:s3:::b', sourceAccount: '111122223333' });
    const want = elementValues(compare, { statementID: 's3', action: 'lambda:InvokeFunction', principal: 's3.amazonaws.com', sourceARN: 'arn:aws:s3:::b', sourceAccount: '111122223333', eventSourceToken: 'not compared' });
    expect(sameValues(want, have)).toBe(true);
  });

  it('a member changed, added or dropped on either side differs', () => {
    const want = elementValues(compare, { action: 'lambda:InvokeFunction', principal: 's3.amazonaws.com' });
    expect(sameValues(want, documentValues(compare, { Action: 'lambda:InvokeFunction', Principal: { Service: 'sns.amazonaws.com' } }))).toBe(false);
    expect(sameValues(want, documentValues(compare, { Action: 'lambda:InvokeFunction', Principal: { Service: 's3.amazonaws.com' }, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:x' } } }))).toBe(false);
    expect(sameValues(want, documentValues(compare, { Principal: { Service: 's3.amazonaws.com' } }))).toBe(false);
    expect(sameValues(elementValues(compare, { action: 'a', principal: 'p', sourceARN: '' }), documentValues(compare, { Action: 'a', Principal: 'p' }))).toBe(true);
  });

  it("an IAM principal: an account ID is AWS's arn:aws:iam::<id>:root, a service or '*' as written, a one-item list as its item", () => {
    const p = (Principal: unknown) => documentValues(compare, { Principal }).principal;
    expect(p({ AWS: 'arn:aws:iam::111122223333:root' })).toBe('111122223333');
    expect(p({ AWS: ['arn:aws-cn:iam::111122223333:root'] })).toBe('111122223333');
    expect(p('*')).toBe('*');
    expect(p({ Service: 'events.amazonaws.com' })).toBe('events.amazonaws.com');
    expect(p({ AWS: 'arn:aws:iam::111122223333:role/r' })).toBe('arn:aws:iam::111122223333:role/r');
    expect(p({ AWS: 'a', Service: 'b' })).toBe('{"AWS":"a","Service":"b"}');
    expect(elementValues(compare, { principal: 'arn:aws:iam::111122223333:root' }).principal).toBe('111122223333');
    // Without `as`, the value is compared as it is.
    expect(documentValues({ principal: { path: 'Principal' } }, { Principal: { Service: 's' } }).principal).toBe('{"Service":"s"}');
  });
});

import { keyAsSpecified } from './grant';

const view = (keyID: unknown) => ({ namespace: 'n', name: 'g', generation: 1, annotations: {}, spec: { keyID }, status: {} });
const ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('keyAsSpecified', () => {
  it("reads the key ARN ListGrants reports as the spec's bare KeyId, and the other way round", () => {
    expect(keyAsSpecified({ KeyId: ARN, GrantId: 'g' }, view('1234abcd-12ab-34cd-56ef-1234567890ab'))).toEqual({ KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab', GrantId: 'g' });
    expect(keyAsSpecified({ KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }, view(ARN))).toEqual({ KeyId: ARN });
  });

  it('leaves another key, or a spec without keyID, as read', () => {
    expect(keyAsSpecified({ KeyId: ARN }, view('other-key'))).toEqual({ KeyId: ARN });
    expect(keyAsSpecified({ KeyId: ARN }, view(undefined))).toEqual({ KeyId: ARN });
  });
});

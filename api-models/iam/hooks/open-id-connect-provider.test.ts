import { urlAsSpecified } from './open-id-connect-provider';

const view = (url: unknown) => ({ namespace: 'n', name: 'p', generation: 1, annotations: {}, spec: { url }, status: {} });

describe('urlAsSpecified', () => {
  it("reads IAM's scheme-less URL as the spec's https URL", () => {
    expect(urlAsSpecified({ Url: 'oidc.example.com/id/1', ClientIDList: [] }, view('https://oidc.example.com/id/1'))).toEqual({ Url: 'https://oidc.example.com/id/1', ClientIDList: [] });
  });

  it('leaves another URL as read (a real difference), and a spec without one', () => {
    expect(urlAsSpecified({ Url: 'other.example.com' }, view('https://oidc.example.com'))).toEqual({ Url: 'other.example.com' });
    expect(urlAsSpecified({ Url: 'oidc.example.com' }, view(undefined))).toEqual({ Url: 'oidc.example.com' });
  });
});

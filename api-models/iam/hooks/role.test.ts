import { boundaryAsArn } from './role';

describe('iam Role hooks', () => {
  it('reads the permissions boundary as its ARN, as the spec writes it', () => {
    const out = boundaryAsArn({ Role: { RoleName: 'r', PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: 'arn:aws:iam::1:policy/b' } } }, 'Role');
    expect(out).toEqual({ Role: { RoleName: 'r', PermissionsBoundary: 'arn:aws:iam::1:policy/b' } });
  });

  it('leaves a role without a boundary as it is', () => {
    const out = { Role: { RoleName: 'r' } };
    expect(boundaryAsArn(out, 'Role')).toBe(out);
  });
});

import { isPlural, singularize } from './inflect';

describe('singularize (go-pluralize rules ACK uses)', () => {
  it.each([
    ['Aliases', 'Alias'],
    ['Policies', 'Policy'],
    ['Repositories', 'Repository'],
    ['Keys', 'Key'],
    ['Boxes', 'Box'],
    ['Secrets', 'Secret'],
  ])('%s → %s', (plural, singular) => {
    expect(isPlural(plural)).toBe(true);
    expect(singularize(plural)).toBe(singular);
  });
});

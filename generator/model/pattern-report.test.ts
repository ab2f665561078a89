import { listOf, struct, tinyModel } from '../../test/fixtures/tiny-model';
import { skippedPatterns } from './pattern-report';
import { inferServiceModel } from './resources';

const str = (pattern: string) => ({ type: 'string', traits: { 'smithy.api#pattern': pattern } });

test('lists the spec patterns the CRD leaves out, with their path and reason; status and trivial ones are not listed', () => {
  const index = tinyModel(
    {
      CreateThing: { input: { ThingName: 'Name!', Parts: 'PartList', Note: 'Anything' }, output: { ThingArn: 'String', Echo: 'NoAws' } },
      DescribeThing: { input: { ThingName: 'Name!' }, output: { ThingName: 'Name' } },
    },
    {
      Name: str('^[a-z]+$'),
      NoAws: str('^(?!aws:).*$'),
      Anything: str('.*'),
      PartList: listOf('Part'),
      Part: struct({ Key: 'NoAws' }),
    },
  );
  const model = inferServiceModel({ service: 'tiny', index, config: {}, configFile: '(none)' });
  expect(skippedPatterns(model)).toEqual([{ kind: 'Thing', path: 'spec.parts[].key', pattern: '^(?!aws:).*$', reason: 'lookahead' }]);
});

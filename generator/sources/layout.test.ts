import { modelUrl, newestVersion, pickModelFile } from './layout';

describe('api-models-aws layout', () => {
  it('newestVersion picks the latest date', () => {
    expect(newestVersion(['2012-11-05', '2019-01-01', '2014-06-30'])).toBe('2019-01-01');
    expect(newestVersion([])).toBeUndefined();
  });

  it('pickModelFile prefers <service>-<version>.json, else the only <service>-*.json', () => {
    expect(pickModelFile('sqs', '2012-11-05', ['README.md', 'sqs-2012-11-05.json'])).toBe('sqs-2012-11-05.json');
    expect(pickModelFile('sqs', '2012-11-05', ['sqs-2012.json'])).toBe('sqs-2012.json');
    expect(pickModelFile('sqs', '2012-11-05', ['sqs-a.json', 'sqs-b.json'])).toBeUndefined();
    expect(pickModelFile('sqs', '2012-11-05', ['sns-2012-11-05.json'])).toBeUndefined();
  });

  it('modelUrl points at raw.githubusercontent.com', () => {
    expect(modelUrl('aws/api-models-aws', 'main', 'sqs/service/2012-11-05/sqs-2012-11-05.json')).toBe(
      'https://raw.githubusercontent.com/aws/api-models-aws/main/sqs/service/2012-11-05/sqs-2012-11-05.json',
    );
    expect(modelUrl('o/r', 'abc', 'p.json', 'http://127.0.0.1:1')).toBe('http://127.0.0.1:1/o/r/abc/p.json');
  });
});

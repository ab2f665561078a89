import { parseArgs } from './cli';

describe('npm run image arguments', () => {
  it('takes services and --out', () => {
    expect(parseArgs(['sagemaker', '--out', 'x'])).toEqual({ services: ['sagemaker'], outDir: 'x' });
    expect(parseArgs(['a', 'b', '--out=y'])).toEqual({ services: ['a', 'b'], outDir: 'y' });
    expect(parseArgs(['--help'])).toEqual({ help: true });
  });

  it('rejects what it does not know', () => {
    expect(parseArgs([])).toEqual({ error: 'name at least one service' });
    expect(parseArgs(['sagemaker', '--push'])).toEqual({ error: 'unknown option --push' });
    expect(parseArgs(['sagemaker', '--out'])).toEqual({ error: '--out needs a directory' });
  });
});

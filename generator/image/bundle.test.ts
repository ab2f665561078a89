import { REPO_ROOT } from '../paths';
import { bundle, bundledPackages } from './bundle';

describe('bundle', () => {
  it('names packages by their innermost node_modules', () => {
    const inputs = {
      'node_modules/@aws-sdk/client-sqs/dist-cjs/index.js': {},
      'node_modules/@aws-sdk/client-sqs/node_modules/@smithy/core/dist/x.js': {},
      'node_modules/yaml/dist/index.js': {},
      'runtime/controller.ts': {},
    };
    expect(bundledPackages({ inputs, outputs: {} } as never)).toEqual(['@aws-sdk/client-sqs', '@smithy/core', 'yaml']);
  });

  it("carries the service's client and the runtime's STS client, no other service's, and no dev dependency", async () => {
    const b = await bundle({ repo: REPO_ROOT, service: 'application-auto-scaling' });
    expect(b.packages.filter((p) => p.startsWith('@aws-sdk/client-'))).toEqual(['@aws-sdk/client-application-auto-scaling', '@aws-sdk/client-sts']);
    for (const dev of ['typescript', 'ts-morph', 'esbuild', 'tsx', 'jest', 'handlebars', 'ajv']) expect(b.packages).not.toContain(dev);
    expect(b.code.toString()).not.toMatch(/require\("@aws-sdk\/client-/);
  }, 60_000);
});

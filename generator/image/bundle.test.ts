import { REPO_ROOT } from '../paths';
import { bundle, entrySource } from './bundle';

describe('bundle', () => {
  it('registers the one SDK client before the controller starts', () => {
    expect(entrySource('sagemaker', '@aws-sdk/client-sagemaker')).toBe(
      "require('./runtime/aws/sdk-clients').provideSdkModule(\"@aws-sdk/client-sagemaker\", require(\"@aws-sdk/client-sagemaker\"));\nrequire('./generated/sagemaker/src/main');\n",
    );
  });

  it("carries the service's client and the runtime's STS client, no other service's, and no dev dependency", async () => {
    const b = await bundle({ repo: REPO_ROOT, service: 'application-auto-scaling', sdkPackage: '@aws-sdk/client-application-auto-scaling' });
    expect(b.packages.filter((p) => p.startsWith('@aws-sdk/client-'))).toEqual(['@aws-sdk/client-application-auto-scaling', '@aws-sdk/client-sts']);
    for (const dev of ['typescript', 'ts-morph', 'esbuild', 'tsx', 'jest', 'handlebars', 'ajv']) expect(b.packages).not.toContain(dev);
    expect(b.code.toString()).toContain('provideSdkModule');
  }, 60_000);
});

// Run by sdk-clients-warnings.test.ts in a process of its own (jest's sandbox does not see process
// warnings): 20 calls in flight at once through one AwsClientCache, against a local slow server.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as sdk from '@aws-sdk/client-sagemaker';
import { AwsClientCache } from '../sdk-clients';

const server = createServer((req, res) => {
  req.resume();
  setTimeout(() => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    res.end('{"Models":[]}');
  }, 100);
});
server.listen(0, '127.0.0.1', async () => {
  const aws = new AwsClientCache({
    service: 'sagemaker',
    binding: { package: '@aws-sdk/client-sagemaker', client: 'SageMakerClient' },
    sdk,
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    httpTimeoutMs: 10_000,
    credentialsFor: () => async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
  });
  await Promise.all(Array.from({ length: 20 }, () => aws.call('us-west-2', 'arn:role', 'READ_MANY', 'ListModels', {})));
  aws.destroy();
  server.close();
  console.log('20 calls done');
});

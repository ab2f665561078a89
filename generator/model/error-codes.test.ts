import { readFileSync } from 'fs';
import { join } from 'path';
import { loadSmithyModel } from '../smithy/load';
import { modelsDirForTests } from '../../test/support/models-dir';
import { wireErrorCode } from './error-codes';

const load = (rel: string) => {
  const file = join(modelsDirForTests(), rel);
  return loadSmithyModel(readFileSync(file, 'utf8'), file);
};

describe('wireErrorCode', () => {
  it('is the shape name on a JSON service whose errors keep awsQueryError traits (KMS)', () => {
    const kms = load('kms/service/2014-11-01/kms-2014-11-01.json');
    const notFound = kms.require('com.amazonaws.kms#NotFoundException');
    expect(notFound.traits.awsQueryErrorCode).toBe('NotFound');
    expect(wireErrorCode(kms, notFound)).toBe('NotFoundException');
  });

  it('is the awsQueryError code on an awsQueryCompatible service (SQS)', () => {
    const sqs = load('sqs/service/2012-11-05/sqs-2012-11-05.json');
    const missing = sqs.require('com.amazonaws.sqs#QueueDoesNotExist');
    expect(wireErrorCode(sqs, missing)).toBe('AWS.SimpleQueueService.NonExistentQueue');
  });

  it('is the shape name when the error has no awsQueryError trait (SageMaker)', () => {
    const sm = load('sagemaker/service/2017-07-24/sagemaker-2017-07-24.json');
    expect(wireErrorCode(sm, sm.require('com.amazonaws.sagemaker#ResourceNotFound'))).toBe('ResourceNotFound');
  });
});

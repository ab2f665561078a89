import { closestNames, didYouMean, editDistance } from './suggest';

describe('suggest', () => {
  it('editDistance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('closestNames: near by edit distance or containment, closest first', () => {
    const services = ['sagemaker', 'sagemaker-runtime', 'sqs', 'sns', 'ses', 'application-auto-scaling', 'auto-scaling'];
    expect(closestNames('sagemakr', services)).toEqual(['sagemaker']);
    expect(closestNames('sagemakr', services, { containment: true })).toEqual(['sagemaker']);
    expect(closestNames('sqs', services)).toEqual(['sqs', 'ses', 'sns']);
    expect(closestNames('sxs', services)).toEqual(['ses', 'sns', 'sqs']);
    expect(closestNames('autoscaling', services)).toEqual(['auto-scaling']);
    expect(closestNames('auto-scaling', services)).toEqual(['auto-scaling']);
    expect(closestNames('auto-scaling', services, { containment: true })).toEqual(['auto-scaling', 'application-auto-scaling']);
    expect(closestNames('sagemaker', services, { max: 1, containment: true })).toEqual(['sagemaker']);
    expect(closestNames('zzzzzz', services)).toEqual([]);
    expect(closestNames('sxs', services, 1)).toEqual(['ses']);
  });

  it('didYouMean', () => {
    expect(didYouMean('Strng', ['String', 'Integer'])).toBe('did you mean String?');
    expect(didYouMean('Xyzzy', ['String'])).toBeUndefined();
  });
});

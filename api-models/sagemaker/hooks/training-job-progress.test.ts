import type { ResourceView } from '../../../runtime/descriptor';
import { secondaryStatusEvents } from './training-job-progress';

const view = (transitions?: unknown[]): ResourceView => ({
  namespace: 'ns',
  name: 'job',
  generation: 1,
  annotations: {},
  spec: {},
  status: transitions ? { secondaryStatusTransitions: transitions } : {},
});

const T = (status: string, startTime: string, statusMessage?: string) => ({ status, startTime, ...(statusMessage ? { statusMessage } : {}) });

describe('secondaryStatusEvents', () => {
  const starting = T('Starting', '2024-05-01T10:00:00Z', 'Preparing the instances for training');
  const downloading = T('Downloading', '2024-05-01T10:02:00Z', 'Downloading input data');
  const training = T('Training', '2024-05-01T10:03:00Z', 'Training image download completed. Training in progress.');

  it('first read: every transition, in order, with its message', () => {
    expect(secondaryStatusEvents(view([starting, downloading]), view())).toEqual([
      { type: 'Normal', reason: 'Starting', message: 'Preparing the instances for training', key: 'secondary-status/Starting@2024-05-01T10:00:00Z' },
      { type: 'Normal', reason: 'Downloading', message: 'Downloading input data', key: 'secondary-status/Downloading@2024-05-01T10:02:00Z' },
    ]);
  });

  it('later reads: only transitions not in the stored status', () => {
    const events = secondaryStatusEvents(view([starting, downloading, training]), view([starting, downloading]));
    expect(events.map((e) => e.reason)).toEqual(['Training']);
  });

  it('a resync with nothing new, or a changed message within a transition, reports nothing', () => {
    expect(secondaryStatusEvents(view([starting]), view([starting]))).toEqual([]);
    expect(secondaryStatusEvents(view([{ ...starting, statusMessage: 'Launching requested ML instances' }]), view([starting]))).toEqual([]);
  });

  it('a spot job back in Training at a new time is a new transition; stops are warnings', () => {
    const back = T('Training', '2024-05-01T11:00:00Z');
    const events = secondaryStatusEvents(
      view([starting, training, T('Interrupted', '2024-05-01T10:30:00Z'), back, T('MaxRuntimeExceeded', '2024-05-01T12:00:00Z')]),
      view([starting, training]),
    );
    expect(events.map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Warning', 'Interrupted', 'Training job is now Interrupted'],
      ['Normal', 'Training', 'Training job is now Training'],
      ['Warning', 'MaxRuntimeExceeded', 'Training job is now MaxRuntimeExceeded'],
    ]);
  });

  it('ignores malformed entries', () => {
    expect(secondaryStatusEvents(view([{ status: 'Starting' }, 'junk', null]), view())).toEqual([]);
  });
});

import type { DeltaEntry, HookContext, ResourceView, SdkObject } from '../../../../runtime/descriptor';

/** A ResourceView for hook tests. */
export function view(spec: Record<string, unknown> = {}, status: Record<string, unknown> = {}, annotations: Record<string, string> = {}): ResourceView {
  return { namespace: 'ns', name: 'r', generation: 1, annotations, spec, status };
}

export function delta(...paths: string[]): DeltaEntry[] {
  return paths.map((path) => ({ path, desired: 'new', latest: 'old' }));
}

/** A HookContext that records calls and answers each with `answer`. */
export function fakeContext(answer: (op: string, input: SdkObject) => SdkObject = () => ({})): HookContext & { calls: { op: string; input: SdkObject }[] } {
  const calls: { op: string; input: SdkObject }[] = [];
  return {
    calls,
    region: 'us-west-2',
    accountId: '111122223333',
    call: async (op, input) => {
      calls.push({ op, input });
      return answer(op, input);
    },
    log: () => undefined,
  };
}

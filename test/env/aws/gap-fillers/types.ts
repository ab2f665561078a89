/**
 * Gap fillers: whole operations the pinned moto (5.2.5) does not know, answered by the scenario proxy as
 * AWS documents them, so a controller that calls them still runs end to end through the real SDK client.
 * One module per gap, each with its own state; the proxy asks moto first and lets a filler answer only
 * when moto says it does not know the operation (index.ts: `motoLacks`). Test harness only.
 */
import type { AwsCall } from "../aws-call";
import type { SyntheticResponse } from "../aws-errors";

/** What a filler may ask of moto: a call of the same service, in the client's protocol and signature. */
export interface GapFillerContext {
  moto(operation: string, input: Record<string, unknown>): Promise<{ status: number; body: string }>;
  readonly region: string;
  readonly accountId: string;
}

export type GapAnswer = (call: AwsCall, ctx: GapFillerContext) => SyntheticResponse | Promise<SyntheticResponse>;

export interface GapFiller {
  /** The SigV4 service name of the calls it answers, e.g. "ecr". */
  readonly service: string;
  /** What moto lacks and where AWS documents the operations (cited in the README). */
  readonly gap: string;
  /**
   * Calls about resources only this filler keeps (the tags of a Lambda code signing config ARN, which
   * moto answers as an unknown function): answered here whatever moto said.
   */
  owns?(call: AwsCall): boolean;
  /** Operations moto does not know, answered here. */
  readonly operations: Readonly<Record<string, GapAnswer>>;
  /**
   * moto's successful answer to another operation of the service, with the state kept here laid over it
   * (GetOpenIDConnectProvider's client IDs); undefined leaves it as moto sent it.
   */
  overlay?(call: AwsCall, body: string): string | undefined;
}

/** Makes a filler with fresh state: one per proxy, made again when the proxy's state is reset. */
export type GapFillerFactory = () => GapFiller;

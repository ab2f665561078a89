/**
 * Smoke steps for the SQS and SNS controllers' operations, straight at moto: what they serve, the
 * fields the controllers read, and the two moto gaps the proxy corrects (request-corrections.ts).
 */
import * as SNS from "@aws-sdk/client-sns";
import * as SQS from "@aws-sdk/client-sqs";
import type { Step } from "./smoke";

const POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" }] });

export function sqsSteps(sqs: SQS.SQSClient, name: string): Step[] {
  const ctx: { url?: string } = {};
  const step = (operation: string, run: () => Promise<unknown>, more: Partial<Step> = {}): Step => ({ service: "sqs", operation, expect: "native", run, ...more });
  const attrs = () => sqs.send(new SQS.GetQueueAttributesCommand({ QueueUrl: ctx.url, AttributeNames: ["All"] }));
  return [
    step("CreateQueue", async () => (ctx.url = (await sqs.send(new SQS.CreateQueueCommand({ QueueName: name, Attributes: { Policy: POLICY }, tags: { a: "b" } }))).QueueUrl), { fields: ["QueueUrl"] }),
    step("GetQueueAttributes", attrs, { fields: ["Attributes.QueueArn", "Attributes.Policy", "Attributes.VisibilityTimeout"] }),
    step("SetQueueAttributes", () => sqs.send(new SQS.SetQueueAttributesCommand({ QueueUrl: ctx.url, Attributes: { VisibilityTimeout: "45" } }))),
    // moto gap (corrected by the proxy): a SetQueueAttributes without Policy drops the policy. Fails once moto keeps it.
    step("GetQueueAttributes", attrs, { values: { "Attributes.VisibilityTimeout": "45" }, absent: ["Attributes.Policy"] }),
    step("TagQueue", () => sqs.send(new SQS.TagQueueCommand({ QueueUrl: ctx.url, Tags: { c: "d" } }))),
    step("UntagQueue", () => sqs.send(new SQS.UntagQueueCommand({ QueueUrl: ctx.url, TagKeys: ["a"] }))),
    step("ListQueueTags", () => sqs.send(new SQS.ListQueueTagsCommand({ QueueUrl: ctx.url })), { values: { "Tags.c": "d", "Tags.a": undefined } }),
    step("DeleteQueue", () => sqs.send(new SQS.DeleteQueueCommand({ QueueUrl: ctx.url }))),
  ];
}

export function snsSteps(sns: SNS.SNSClient, name: string): Step[] {
  const ctx: { topic?: string; sub?: string; app?: string; endpoint?: string } = {};
  const step = (operation: string, run: () => Promise<unknown>, more: Partial<Step> = {}): Step => ({ service: "sns", operation, expect: "native", run, ...more });
  return [
    step("CreateTopic", async () => (ctx.topic = (await sns.send(new SNS.CreateTopicCommand({ Name: name, Attributes: { DisplayName: "d" }, Tags: [{ Key: "a", Value: "b" }] }))).TopicArn), { fields: ["TopicArn"] }),
    step("GetTopicAttributes", () => sns.send(new SNS.GetTopicAttributesCommand({ TopicArn: ctx.topic })), { fields: ["TopicArn", "Owner", "Policy", "DisplayName", "EffectiveDeliveryPolicy"] }),
    step("SetTopicAttributes", () => sns.send(new SNS.SetTopicAttributesCommand({ TopicArn: ctx.topic, AttributeName: "DisplayName", AttributeValue: "e" }))),
    step("TagResource", () => sns.send(new SNS.TagResourceCommand({ ResourceArn: ctx.topic, Tags: [{ Key: "c", Value: "d" }] }))),
    step("UntagResource", () => sns.send(new SNS.UntagResourceCommand({ ResourceArn: ctx.topic, TagKeys: ["a"] }))),
    step("ListTagsForResource", () => sns.send(new SNS.ListTagsForResourceCommand({ ResourceArn: ctx.topic })), { fields: ["Tags.member.Key"] }),
    step("Subscribe", async () => (ctx.sub = (await sns.send(new SNS.SubscribeCommand({ TopicArn: ctx.topic, Protocol: "sqs", Endpoint: `arn:aws:sqs:us-east-1:123456789012:${name}`, ReturnSubscriptionArn: true }))).SubscriptionArn), { fields: ["SubscriptionArn"] }),
    step("GetSubscriptionAttributes", () => sns.send(new SNS.GetSubscriptionAttributesCommand({ SubscriptionArn: ctx.sub })), { fields: ["PendingConfirmation", "Owner", "TopicArn"] }),
    step("SetSubscriptionAttributes", () => sns.send(new SNS.SetSubscriptionAttributesCommand({ SubscriptionArn: ctx.sub, AttributeName: "RawMessageDelivery", AttributeValue: "true" }))),
    step("Unsubscribe", () => sns.send(new SNS.UnsubscribeCommand({ SubscriptionArn: ctx.sub }))),
    step("CreatePlatformApplication", async () => (ctx.app = (await sns.send(new SNS.CreatePlatformApplicationCommand({ Name: name, Platform: "GCM", Attributes: { PlatformCredential: "k" } }))).PlatformApplicationArn), { fields: ["PlatformApplicationArn"] }),
    step("GetPlatformApplicationAttributes", () => sns.send(new SNS.GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: ctx.app })), { fields: ["PlatformCredential"] }),
    step("SetPlatformApplicationAttributes", () => sns.send(new SNS.SetPlatformApplicationAttributesCommand({ PlatformApplicationArn: ctx.app, Attributes: { SuccessFeedbackSampleRate: "50" } }))),
    step("CreatePlatformEndpoint", async () => (ctx.endpoint = (await sns.send(new SNS.CreatePlatformEndpointCommand({ PlatformApplicationArn: ctx.app, Token: "t", CustomUserData: "u" }))).EndpointArn), { fields: ["EndpointArn"] }),
    // moto gap (corrected by the proxy): CreatePlatformEndpoint's CustomUserData member is dropped. Fails once moto keeps it.
    step("GetEndpointAttributes", () => sns.send(new SNS.GetEndpointAttributesCommand({ EndpointArn: ctx.endpoint })), { fields: ["Token", "Enabled"], absent: ["CustomUserData"] }),
    step("SetEndpointAttributes", () => sns.send(new SNS.SetEndpointAttributesCommand({ EndpointArn: ctx.endpoint, Attributes: { CustomUserData: "v" } }))),
    step("DeleteEndpoint", () => sns.send(new SNS.DeleteEndpointCommand({ EndpointArn: ctx.endpoint }))),
    step("DeletePlatformApplication", () => sns.send(new SNS.DeletePlatformApplicationCommand({ PlatformApplicationArn: ctx.app }))),
    step("DeleteTopic", () => sns.send(new SNS.DeleteTopicCommand({ TopicArn: ctx.topic }))),
  ];
}

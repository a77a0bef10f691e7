import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Notification } from '../domain/actions';
import type { LinkRequest } from '../domain/approval/link-request';
import type { Publication } from '../domain/approval/links';
import { chatNotification } from '../domain/chat';

export interface NotifyOptions {
  /** The chat channels' topic (AWS Chatbot): every notification again, as a custom-notification card. */
  chatTopicArn?: string;
  /** Signs a notification's approval links: one publication per approver. Only sendApprovalLinks holds the key. */
  signLinks?: (n: Notification) => Promise<Publication[]>;
  /** Every other function hands a notification with links to sendApprovalLinks (on Shepherd's bus) to sign. */
  forwardLinks?: (n: Notification & { links: LinkRequest }) => Promise<void>;
}

/**
 * Notifications on one topic; `kind`, `model` and `severity` attributes let subscribers filter, and `approver`
 * delivers each approver's links to them alone. Chat channels get the same notifications without links: a channel
 * is not a person.
 */
export class NotificationsAdapter {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
    private readonly options: NotifyOptions = {},
  ) {}

  async notify(n: Notification): Promise<string | undefined> {
    const links = n.links?.approvers.length ? n.links : undefined;
    const withLinks = links !== undefined;
    let messageId: string | undefined;
    if (withLinks && !this.options.signLinks && this.options.forwardLinks) {
      await this.options.forwardLinks({ ...n, links });
    } else {
      const signed = withLinks && this.options.signLinks ? await this.options.signLinks(n) : undefined;
      for (const p of signed ?? [{ subject: n.subject, message: n.message, attributes: {} }]) {
        messageId = await this.publish(this.topicArn, n, p.message, p.subject, p.attributes);
      }
    }
    if (this.options.chatTopicArn) {
      const card = chatNotification(n.chat ?? { title: n.subject, description: n.message });
      await this.publish(this.options.chatTopicArn, n, JSON.stringify(card));
    }
    return messageId;
  }

  private async publish(
    TopicArn: string,
    n: Notification,
    Message: string,
    Subject?: string,
    attributes: Record<string, string> = {},
  ): Promise<string | undefined> {
    const values = { kind: n.kind, model: n.model, severity: n.severity, ...attributes };
    const out = await this.client.send(
      new PublishCommand({
        TopicArn,
        ...(Subject ? { Subject } : {}),
        Message,
        MessageAttributes: Object.fromEntries(
          Object.entries(values).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
        ),
      }),
    );
    return out.MessageId;
  }
}

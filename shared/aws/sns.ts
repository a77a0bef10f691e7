import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Notification } from '../domain/actions';
import type { ChatNotification } from '../domain/chat';

/** Notifications on one topic; `kind`, `model` and `severity` attributes let subscribers filter. */
export class NotificationsAdapter {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async notify(n: Notification): Promise<string | undefined> {
    const out = await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: n.subject,
        Message: n.message,
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: n.kind },
          model: { DataType: 'String', StringValue: n.model },
          severity: { DataType: 'String', StringValue: n.severity },
        },
      }),
    );
    return out.MessageId;
  }

  /** A chat card on a topic mapped to a chat channel: the JSON alone, as Chatbot drops anything else. */
  async chat(card: ChatNotification): Promise<string | undefined> {
    const out = await this.client.send(new PublishCommand({ TopicArn: this.topicArn, Message: JSON.stringify(card) }));
    return out.MessageId;
  }
}

// Chat channels get AWS Chatbot custom notifications, published on their own topic: Chatbot silently drops
// anything that is not this exact shape, and an email subscriber on that topic would get raw JSON.
// https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html

export interface ChatNotification {
  version: '1.0';
  source: 'custom';
  id?: string;
  content: {
    textType: 'client-markdown';
    title: string;
    description: string;
    nextSteps?: string[];
    keywords?: string[];
  };
  metadata?: { summary?: string; eventType?: string; relatedResources?: string[] };
}

export interface ChatMessage {
  title: string;
  description: string;
  nextSteps?: string[];
  keywords?: string[];
  /** A one-line summary some channels show in place of the whole card. */
  summary?: string;
  eventType?: string;
  relatedResources?: string[];
}

// Chatbot's own limits are not all published; these keep a card readable and well under SNS's 256 KB.
const TITLE_LIMIT = 250;
const DESCRIPTION_LIMIT = 8000;
const LIST_LIMIT = 10;

const clip = (text: string, limit: number): string => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);

const list = (items: string[] | undefined): string[] | undefined =>
  items?.length ? items.slice(0, LIST_LIMIT).map((item) => clip(item, TITLE_LIMIT)) : undefined;

/** The custom-notification payload of one chat message; empty lists and metadata are left out. */
export function chatNotification(chat: ChatMessage, id?: string): ChatNotification {
  const metadata = {
    ...(chat.summary ? { summary: clip(chat.summary, TITLE_LIMIT) } : {}),
    ...(chat.eventType ? { eventType: chat.eventType } : {}),
    ...(chat.relatedResources?.length ? { relatedResources: chat.relatedResources } : {}),
  };
  const nextSteps = list(chat.nextSteps);
  const keywords = list(chat.keywords);
  return {
    version: '1.0',
    source: 'custom',
    ...(id ? { id } : {}),
    content: {
      textType: 'client-markdown',
      title: clip(chat.title, TITLE_LIMIT),
      description: clip(chat.description, DESCRIPTION_LIMIT),
      ...(nextSteps ? { nextSteps } : {}),
      ...(keywords ? { keywords } : {}),
    },
    ...(Object.keys(metadata).length ? { metadata } : {}),
  };
}

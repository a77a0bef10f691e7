import * as z from 'zod';
import { chatNotification } from '../../shared/domain/chat';

// Chatbot's published custom-notification shape, strict: a card with any other key is dropped without a word.
const chatbotCard = z.strictObject({
  version: z.literal('1.0'),
  source: z.literal('custom'),
  id: z.string().optional(),
  content: z.strictObject({
    textType: z.literal('client-markdown'),
    title: z.string().min(1),
    description: z.string().min(1),
    nextSteps: z.array(z.string()).optional(),
    keywords: z.array(z.string()).optional(),
  }),
  metadata: z
    .strictObject({
      summary: z.string().optional(),
      eventType: z.string().optional(),
      relatedResources: z.array(z.string()).optional(),
    })
    .optional(),
});

describe('chat notifications', () => {
  it('have the custom-notification shape Chatbot accepts, next steps and keywords included', () => {
    // Act
    const card = chatNotification({
      title: 'churn v7 awaits approval',
      description: 'validation:auc 0.91 against production 0.89',
      nextSteps: ['npx shepherd approve churn --version 7 --reason "…"'],
      keywords: ['churn', 'approval'],
      summary: 'churn v7 awaits approval',
      eventType: 'Approval Requested',
    });

    // Assess
    expect(chatbotCard.parse(card)).toEqual(card);
    expect(card.content.nextSteps).toEqual(['npx shepherd approve churn --version 7 --reason "…"']);
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
  });

  it('leave out empty lists and metadata rather than send keys Chatbot does not expect', () => {
    // Act
    const card = chatNotification({ title: 't', description: 'd', nextSteps: [], keywords: [] });

    // Assess
    expect(chatbotCard.parse(card)).toEqual(card);
    expect(card).toEqual({
      version: '1.0',
      source: 'custom',
      content: { textType: 'client-markdown', title: 't', description: 'd' },
    });
  });

  it('clip an overlong title and description so the card stays readable', () => {
    // Act
    const card = chatNotification({ title: 'x'.repeat(1000), description: 'y'.repeat(20_000) });

    // Assess
    expect(card.content.title.length).toBe(250);
    expect(card.content.description.length).toBe(8000);
    expect(card.content.title.endsWith('…')).toBe(true);
  });
});

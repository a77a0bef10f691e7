// EventBridge's input transformer: what a rule's target with an InputTransformer receives instead of the event.
/** Applies an EventBridge input transformer: each `<name>` becomes the JSON of the value at its path (`$.a.b`). */
export function applyInputTransformer(
  transformer: { InputPathsMap: Record<string, string>; InputTemplate: string },
  event: unknown,
): string {
  const valueAt = (path: string): unknown =>
    path
      .replace(/^\$\.?/, '')
      .split('.')
      .filter(Boolean)
      .reduce<unknown>(
        (v, key) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined),
        event,
      );
  return transformer.InputTemplate.replace(/<([A-Za-z0-9_.-]+)>/g, (whole, name: string) => {
    const path = transformer.InputPathsMap[name];
    return path === undefined ? whole : JSON.stringify(valueAt(path) ?? null);
  });
}

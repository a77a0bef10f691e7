export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __dynalite?: { close: (cb: () => void) => void } }).__dynalite;
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
}

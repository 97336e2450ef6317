// Stands in for the 'server-only' marker when tests import server modules outside Next.
export {};

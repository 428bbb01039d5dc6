export const ok = (signal: AbortSignal) => fetch("https://status.example.com", { signal });

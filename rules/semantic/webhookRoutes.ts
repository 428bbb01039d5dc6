// Which provider calls a route: the words of its path (`/slack/events`, app/api/stripe/route.ts), the
// provider headers its handler reads (`x-slack-signature`, `stripe-signature`...) and the signature
// checks it makes (`stripe.webhooks.constructEvent`, `twilio.validateRequest`). Data in
// rules/catalog/webhooks.ts. Bolt listeners are Slack's by construction.
import ts = require("typescript");
import { HUB_SIGNATURE_HEADER, SIGNATURE_CALLS, WEBHOOK_CALLERS, type WebhookProvider } from "../catalog/webhooks";
import type { RequestHandler } from "./handlers";

const PROVIDERS = Object.keys(WEBHOOK_CALLERS) as WebhookProvider[];

/** The provider whose webhooks a handler receives, or undefined for any other route. */
export function webhookProviderOf(h: RequestHandler): WebhookProvider | undefined {
  if (h.kind === "bolt") return "slack";
  if (h.kind === "lambda") return undefined;
  const words = (h.path ?? "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const byPath = PROVIDERS.find((p) => WEBHOOK_CALLERS[p].pathWords.some((w) => words.includes(w)));
  // The path names the provider only on a route that receives (POST), not on an OAuth or UI route.
  if (byPath && /^(POST|ALL) /.test(h.name)) return byPath;
  const body = h.fn.getText().toLowerCase();
  for (const p of PROVIDERS) if (WEBHOOK_CALLERS[p].headers.some((header) => body.includes(header))) return p;
  if (body.includes(HUB_SIGNATURE_HEADER)) return words.includes("whatsapp") || /whatsapp|\bmeta\b/.test(body) ? "whatsapp" : "github";
  let signed: WebhookProvider | undefined;
  const visit = (n: ts.Node): void => {
    if (signed) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const p = SIGNATURE_CALLS[n.expression.name.text];
      if (p && Object.prototype.hasOwnProperty.call(SIGNATURE_CALLS, n.expression.name.text)) signed = p;
    }
    n.forEachChild(visit);
  };
  if (/constructEvent|validateRequest/.test(body)) visit(h.fn);
  return signed;
}

export function isWebhookRoute(h: RequestHandler): boolean {
  return webhookProviderOf(h) !== undefined;
}

// Webhook callers as data: how long each provider waits for an answer before it gives up (and, for
// most, sends the event again), how a route that receives its webhooks is recognised, and where each
// number is documented. webhook-late-response reads it; a provider whose window is not documented as
// a number has `windowSeconds` undefined and only model and graph runs count as slow for it.

export type WebhookProvider = "slack" | "twilio" | "github" | "stripe" | "telegram" | "whatsapp";

export interface WebhookCaller {
  label: string;
  /** Seconds the provider waits for the response; undefined when the provider documents no number. */
  windowSeconds?: number;
  /** What the provider does when the window passes. */
  onTimeout: string;
  /** Where the window is documented. */
  source: string;
  /** Words in a route's path that name the provider (`/slack/events`, `/webhooks/stripe`). */
  pathWords: readonly string[];
  /** Request headers only this provider sends (lower case): signature and secret headers. */
  headers: readonly string[];
  /**
   * For providers that may deliver an event more than once even when it was answered at once (Stripe
   * documents it; Meta's WhatsApp webhooks do it): what identifies a delivery, what in a file shows that
   * it dedupes (reads that id, or says so), and where that is documented. Providers that retry only a
   * late or failed answer are left to the late-response check, whose fix answers first.
   */
  dedupe?: {
    key: string;
    redelivery: string;
    evidence: RegExp;
    source: string;
    /**
     * Where the fix reads the delivery's id: a property of the event the provider's signature check
     * returns (`const event = stripe.webhooks.constructEvent(...)`: `event.id`), or a path in the parsed
     * JSON body (Express/Fastify `req.body`), bound to `name` first because it may be absent.
     */
    id: { from: "verified-event"; property: string } | { from: "body"; path: string; name: string };
    /** How long the fix keeps an id: longer than the provider retries a delivery. */
    ttlSeconds: string;
  };
}

/** Words of code that dedupes deliveries whatever the provider: an idempotency key, a seen/processed set. */
const DEDUPE_WORDS = "idempoten|dedup|already[ _-]?(?:processed|handled|seen)|processed[_-]?(?:events?|ids?)|seen[_-]?(?:events?|ids?)";

export const WEBHOOK_CALLERS: Readonly<Record<WebhookProvider, WebhookCaller>> = {
  slack: {
    label: "Slack",
    windowSeconds: 3,
    onTimeout: "Slack shows the user an error and retries the event up to 3 times",
    source:
      "https://api.slack.com/apis/events-api#responding (respond with HTTP 200 within 3 seconds); @slack/bolt@5.1.0 logs 'not acknowledged within 3 seconds'",
    pathWords: ["slack"],
    headers: ["x-slack-signature", "x-slack-request-timestamp"],
  },
  twilio: {
    label: "Twilio",
    windowSeconds: 15,
    onTimeout: "Twilio gives up on the request (error 11200) and the caller gets no reply",
    source: "https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides (default read timeout 15 s)",
    pathWords: ["twilio", "sms", "twiml"],
    headers: ["x-twilio-signature"],
  },
  github: {
    label: "GitHub",
    windowSeconds: 10,
    onTimeout: "GitHub marks the delivery as failed",
    source: "https://docs.github.com/en/webhooks/using-webhooks/best-practices-for-using-webhooks (respond within 10 seconds)",
    pathWords: ["github"],
    headers: ["x-github-event", "x-github-delivery"],
  },
  stripe: {
    label: "Stripe",
    onTimeout: "Stripe retries the event for up to 3 days",
    source: "https://docs.stripe.com/webhooks (return a 2xx quickly, before any complex logic)",
    pathWords: ["stripe"],
    headers: ["stripe-signature"],
    dedupe: {
      key: "event.id",
      redelivery: "an endpoint may receive the same event more than once (Stripe's docs), and failed ones are retried for 3 days",
      evidence: new RegExp(`\\b(?:event|evt|stripeEvent|webhookEvent)\\.id\\b|${DEDUPE_WORDS}`, "i"),
      source: "https://docs.stripe.com/webhooks#handle-duplicate-events",
      id: { from: "verified-event", property: "id" },
      // Stripe retries for up to 3 days.
      ttlSeconds: "7 * 86_400",
    },
  },
  telegram: {
    label: "Telegram",
    onTimeout: "Telegram keeps redelivering the update until it gets a 2xx",
    source: "https://core.telegram.org/bots/api#setwebhook (unsuccessful requests are retried)",
    pathWords: ["telegram"],
    headers: ["x-telegram-bot-api-secret-token"],
  },
  whatsapp: {
    label: "WhatsApp Cloud API",
    onTimeout: "Meta retries the notification with decreasing frequency",
    source: "https://developers.facebook.com/docs/graph-api/webhooks/getting-started (respond 200 OK; failed deliveries are retried)",
    pathWords: ["whatsapp"],
    headers: [],
    dedupe: {
      key: "the wamid",
      redelivery: "Meta retries a notification that was not answered 200, and delivers some more than once even when it was",
      evidence: new RegExp(`wamid|messages?\\[0\\]\\.id|\\b(?:message|msg)\\.id\\b|${DEDUPE_WORDS}`, "i"),
      source: "https://developers.facebook.com/docs/graph-api/webhooks/getting-started",
      // A status notification (sent, delivered, read) has no messages[]: its id is undefined.
      id: { from: "body", path: "entry?.[0]?.changes?.[0]?.value?.messages?.[0]?.id", name: "wamid" },
      ttlSeconds: "7 * 86_400",
    },
  },
};

/** Calls that verify one provider's signature: seeing one in a route names its caller. */
export const SIGNATURE_CALLS: Readonly<Record<string, WebhookProvider>> = {
  constructEvent: "stripe",
  constructEventAsync: "stripe",
  validateRequest: "twilio",
  validateRequestWithBody: "twilio",
};

/** `x-hub-signature-256` is sent by GitHub and by Meta (WhatsApp): the path decides, else GitHub. */
export const HUB_SIGNATURE_HEADER = "x-hub-signature-256";

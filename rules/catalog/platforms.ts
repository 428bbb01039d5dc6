// Platform facts as data: the limits each deploy target imposes, with where each number comes from.
// The project model copies them into a unit's limits unless the unit's own config sets them.

export interface PlatformDefaults {
  requestSeconds?: number;
  memoryMb?: number;
  cwd?: string;
  writable?: string[];
  /** Where these numbers are documented. */
  source: string;
}

/** Per unit kind (how the unit was declared), since defaults differ between tools that deploy the same platform. */
export const PLATFORM_DEFAULTS: Record<string, PlatformDefaults> = {
  langgraph: {
    memoryMb: 1024,
    cwd: "/deps/<project>",
    source: "LangGraph Platform: code copied to /deps/<project>/, about 1 GB per container",
  },
  serverless: {
    requestSeconds: 6,
    memoryMb: 1024,
    cwd: "/var/task",
    writable: ["/tmp"],
    source: "Serverless Framework defaults: function timeout 6 s, memorySize 1024 MB; Lambda runs from /var/task",
  },
  sam: {
    requestSeconds: 3,
    memoryMb: 128,
    cwd: "/var/task",
    writable: ["/tmp"],
    source: "AWS::Serverless::Function defaults: Timeout 3 s, MemorySize 128 MB; Lambda runs from /var/task",
  },
  cdk: {
    requestSeconds: 3,
    memoryMb: 128,
    cwd: "/var/task",
    writable: ["/tmp"],
    source: "aws-lambda Function defaults: timeout 3 s, memorySize 128 MB; Lambda runs from /var/task",
  },
  vercel: {
    requestSeconds: 300,
    cwd: "/var/task",
    writable: ["/tmp"],
    source: "Vercel Functions: default maximum duration 300 s (fluid compute); only /tmp is writable",
  },
  workers: {
    memoryMb: 128,
    writable: [],
    source: "Cloudflare Workers: 128 MB per isolate, no file system",
  },
};

/** API Gateway's integration timeouts, in front of a Lambda function. */
export const API_GATEWAY_SECONDS = { rest: 29, http: 30 } as const;

/** How messages, explain and the report name each kind of API Gateway. */
export const API_GATEWAY_NAMES = { rest: "API Gateway (REST API)", http: "API Gateway (HTTP API)" } as const;

/** Where the API Gateway numbers are documented (REST: raisable by quota request for Regional and private APIs only). */
export const API_GATEWAY_SOURCES = {
  rest: "API Gateway REST API: integration timeout 29 s (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html)",
  http: "API Gateway HTTP API: integration timeout 30 s (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html)",
} as const;

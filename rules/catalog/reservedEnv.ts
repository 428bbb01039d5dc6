// The one list of environment variables that platforms manage, with the source each entry comes from.
// - reserved-env-var: the variables LangGraph Platform sets itself, so a value from `.env`, from the
//   `env` of langgraph.json or from code overrides (or fights) the platform's own.
// - undocumented-env-var: variables a runtime always provides (Node, Lambda, LangGraph Platform, the
//   usual container hosts), which code may read without naming them in .env.example.
// Keep every platform fact here, with its source, so there is one place to check and update.
import type { Target } from "../api/types";

export interface ReservedEnvVar {
  /** What the platform does with it and what breaks, for messages: "<NAME> is reserved on LangGraph Platform: <why>." */
  why: string;
  source: string;
}

/** Sources, cited by entry. */
export const SOURCES = {
  /** The knobs a deployment may set: BG_JOB_*, LANGGRAPH_POSTGRES_POOL_MAX_SIZE, LOG_*, MOUNT_PREFIX (self-hosted only), ... */
  agentServerEnv: "https://docs.langchain.com/langsmith/env-var",
  /** A standalone Agent Server is given REDIS_URI and DATABASE_URI (Cloud provisions both itself). */
  standaloneContainer: "https://docs.langchain.com/langsmith/deploy-standalone-container",
  /** The JS server reads PORT, LANGSERVE_GRAPHS and LANGGRAPH_CONFIG that the CLI and the image set. */
  langgraphCliProcessEnv: "https://reference.langchain.com/javascript/langchain-langgraph-cli/NodeJS/ProcessEnv",
  /** The deployment's own key lives in the LANGCHAIN_API_KEY secret the platform mounts. */
  deploymentApiKey: "https://support.langchain.com/articles/5762076496-rotating-a-langgraph-deployment-api-key-self-hosted",
  /** Lambda's reserved and runtime variables. */
  lambdaRuntime: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-runtime.html",
} as const;

/** Variables LangGraph Platform sets for the Agent Server; a deployment must not set them. */
const LANGGRAPH_RESERVED: ReadonlyMap<string, ReservedEnvVar> = new Map([
  [
    "PORT",
    {
      why: "the platform's server listens on the port the platform sets, and its health checks and router expect that port; another value leaves the deployment unreachable",
      source: SOURCES.langgraphCliProcessEnv,
    },
  ],
  [
    "LANGSERVE_GRAPHS",
    {
      why: "the platform hands the graphs of langgraph.json to its server through it; another value replaces the deployed graphs",
      source: SOURCES.langgraphCliProcessEnv,
    },
  ],
  [
    "LANGCHAIN_API_KEY",
    {
      why: "the platform sets it to the deployment's own key, which its licence check and tracing use; another key breaks both",
      source: SOURCES.deploymentApiKey,
    },
  ],
  [
    "LANGSMITH_API_KEY",
    {
      why: "the platform sets it to the deployment's own key, which its licence check and tracing use; another key breaks both",
      source: SOURCES.deploymentApiKey,
    },
  ],
  [
    "POSTGRES_URI",
    {
      why: "it points the server at the Postgres the platform provisions for checkpoints, threads and the run queue; another value moves them elsewhere",
      source: SOURCES.standaloneContainer,
    },
  ],
  [
    "DATABASE_URI",
    {
      why: "it points the server at the Postgres the platform provisions for checkpoints, threads and the run queue; another value moves them elsewhere",
      source: SOURCES.standaloneContainer,
    },
  ],
  [
    "REDIS_URI",
    {
      why: "it points the server at the Redis the platform provisions for streaming and the run queue; another value moves them elsewhere",
      source: SOURCES.standaloneContainer,
    },
  ],
  [
    "MOUNT_PREFIX",
    { why: "only self-hosted deployments may set it; LangSmith's cloud refuses a deployment that does", source: SOURCES.agentServerEnv },
  ],
]);

/** LANGGRAPH_* variables that are documented knobs a deployment may set; every other LANGGRAPH_* is the platform's. */
const LANGGRAPH_KNOBS = new Set(["LANGGRAPH_POSTGRES_POOL_MAX_SIZE", "LANGGRAPH_AUTH_TYPE", "LANGGRAPH_CLOUD_LICENSE_KEY"]);

const LANGGRAPH_PREFIXED: ReservedEnvVar = {
  why: "the platform sets LANGGRAPH_* variables itself from langgraph.json (graphs, auth, http, store, ui), and this one is not a documented setting",
  source: SOURCES.agentServerEnv,
};

/** The platform-managed variable `name` on LangGraph Platform, or undefined when a deployment may set it. */
export function langGraphReserved(name: string): ReservedEnvVar | undefined {
  const exact = LANGGRAPH_RESERVED.get(name);
  if (exact) return exact;
  if (name.startsWith("LANGGRAPH_") && !LANGGRAPH_KNOBS.has(name)) return LANGGRAPH_PREFIXED;
  return undefined;
}

// --- Variables a runtime provides (read freely, never need documenting) ---

/** Set by Node, the OS, npm or the usual hosts on every target. */
const ALWAYS_PROVIDED = new Set([
  "NODE_ENV", // set by every framework, bundler and start script; code compares it, never needs it documented
  "TZ",
  "PATH",
  "HOME",
  "PWD",
  "USER",
  "LANG",
  "HOSTNAME",
  "SHELL",
  "TMPDIR",
  "TEMP",
  "TMP",
  "TERM",
  "CI",
  "NODE_OPTIONS",
  "FORCE_COLOR",
  "NO_COLOR",
  // Container hosts (Heroku, Cloud Run, Render, Railway, Fly, Kubernetes) set the port the server must listen on.
  "PORT",
  "K_SERVICE",
  "K_REVISION",
  "K_CONFIGURATION",
  "DYNO",
  "KUBERNETES_SERVICE_HOST",
  "KUBERNETES_SERVICE_PORT",
  // The AWS SDK and every AWS compute service (Lambda, ECS, App Runner) provide the region.
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_EXECUTION_ENV",
]);

const ALWAYS_PROVIDED_PREFIXES = ["npm_", "AWS_LAMBDA_", "_AWS_", "VERCEL_", "RAILWAY_", "FLY_", "RENDER_"];

/** Set by Lambda in every function (source: SOURCES.lambdaRuntime). */
const LAMBDA_PROVIDED = new Set([
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_XRAY_CONTEXT_MISSING",
  "AWS_XRAY_DAEMON_ADDRESS",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
  "LD_LIBRARY_PATH",
  "NODE_PATH",
]);

/** Set by LangGraph Platform for the deployment (the reserved list above, plus tracing settings it fills in). */
const LANGGRAPH_PROVIDED = new Set(["LANGCHAIN_TRACING_V2", "LANGCHAIN_PROJECT", "LANGCHAIN_ENDPOINT", "LANGCHAIN_API_KEY"]);
const LANGGRAPH_PROVIDED_PREFIXES = ["LANGSMITH_", "LANGGRAPH_"];

/** Variables built into `import.meta.env` by Vite and the bundlers that copy it. */
export const IMPORT_META_ENV_BUILTINS = new Set(["MODE", "BASE_URL", "PROD", "DEV", "SSR"]);

/** True when the runtime of `target` always provides `name`, so reading it needs no documentation. */
export function isRuntimeProvided(name: string, target: Target): boolean {
  if (ALWAYS_PROVIDED.has(name) || ALWAYS_PROVIDED_PREFIXES.some((p) => name.startsWith(p))) return true;
  if (target === "lambda" && LAMBDA_PROVIDED.has(name)) return true;
  if (target === "langgraph") {
    if (LANGGRAPH_PROVIDED.has(name) || LANGGRAPH_PROVIDED_PREFIXES.some((p) => name.startsWith(p))) return true;
    if (LANGGRAPH_RESERVED.has(name)) return true;
  }
  return false;
}

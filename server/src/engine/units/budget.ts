// A deploy unit's request budget: how long a request may run before whatever waits for it gives up.
// For a Lambda function behind API Gateway, the smaller of the function's timeout and the gateway's
// integration timeout; otherwise the unit's own request limit. latency-budget measures request paths
// against the same numbers; `deploygap explain` and the readiness report show them with their sources.
import { API_GATEWAY_NAMES, API_GATEWAY_SECONDS, API_GATEWAY_SOURCES } from "../../../../rules/catalog/platforms";
import type { DeployUnit } from "../../../../rules/api/types";

export interface RequestBudget {
  seconds: number;
  /** What sets it: "the function timeout (60 s) is cut to API Gateway (REST API)'s 29 s". */
  why: string;
  /** Where the numbers come from (the deploy config, the platform's documentation). */
  sources: string[];
}

export function requestBudget(unit: DeployUnit): RequestBudget | undefined {
  const fn = unit.limits.requestSeconds;
  const gateway = unit.limits.gateway;
  if (gateway) {
    const gw = API_GATEWAY_SECONDS[gateway];
    const sources = [...unit.limits.sources, API_GATEWAY_SOURCES[gateway]];
    if (fn !== undefined && fn <= gw)
      return { seconds: fn, why: `the function timeout (${fn} s), within ${API_GATEWAY_NAMES[gateway]}'s ${gw} s`, sources };
    const timeout = fn === undefined ? "" : `the function timeout (${fn} s) is cut to `;
    return { seconds: gw, why: `${timeout}${API_GATEWAY_NAMES[gateway]}'s ${gw} s`, sources };
  }
  if (fn === undefined) return undefined;
  return { seconds: fn, why: `the unit's request limit (${fn} s)`, sources: unit.limits.sources };
}

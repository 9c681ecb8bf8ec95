package io.temponest.agents.health;

import java.util.Map;

/**
 * How each LLM provider stood at the last probe, as cached for 10 s.
 *
 * @param states {@code reachable}, {@code unreachable} or {@code not_configured} by
 * provider name
 * @param usedReachable whether every provider a built-in role runs on answered
 */
record ProviderStates(Map<String, String> states, boolean usedReachable) {

}

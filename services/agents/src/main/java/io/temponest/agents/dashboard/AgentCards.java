package io.temponest.agents.dashboard;

import java.util.List;

/**
 * The agent cards, built-in roles first (in their fixed order), then the tenant's agents
 * by name.
 *
 * @param agents the cards
 */
record AgentCards(List<AgentCard> agents) {

}

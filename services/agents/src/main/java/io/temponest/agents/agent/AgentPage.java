package io.temponest.agents.agent;

import java.util.List;

/**
 * A page of agents in the envelope style ({@code page}/{@code page_size}).
 *
 * @param agents the agents
 * @param total agents matching
 * @param page the page
 * @param pageSize the page size
 */
record AgentPage(List<AgentView> agents, long total, int page, int pageSize) {

}

package io.temponest.agents.agent;

import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

/** The tenant's agents; every call runs in a transaction of the caller's tenant. */
interface AgentRepository extends ListCrudRepository<AgentEntity, UUID> {

}

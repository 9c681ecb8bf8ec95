/**
 * The knowledge base, owned by the ingestion service: its {@code /rag/*} API served here
 * by forwarding with the caller's credentials, and retrieval of citations for runs of
 * agents that name collections.
 */
@NullMarked
package io.temponest.agents.knowledge;

import org.jspecify.annotations.NullMarked;

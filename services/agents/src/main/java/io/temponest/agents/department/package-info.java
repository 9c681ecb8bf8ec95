/**
 * Departments: the organisation of agents read from YAML at startup (shipped in the
 * service, replaceable by a mounted file), validated so that every agent is a built-in
 * role and every workflow step names an agent that exists; its routes, and runs of a
 * department's workflow or agent as collaboration sessions.
 */
@NullMarked
package io.temponest.agents.department;

import org.jspecify.annotations.NullMarked;

/**
 * The console's data: the tenant's projects (a kanban board of statuses, with run
 * counters kept per project) and the runs of each project, newest first by keyset, their
 * logs read on their own.
 */
@NullMarked
package io.temponest.agents.project;

import org.jspecify.annotations.NullMarked;

package io.temponest.agents.project;

/**
 * How many projects the tenant has, and how many of them are active (not idle).
 *
 * @param total all projects
 * @param active the projects not in the idle column
 */
record ProjectCounts(long total, long active) {

}

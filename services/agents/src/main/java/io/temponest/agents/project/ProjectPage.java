package io.temponest.agents.project;

import java.util.List;

/**
 * A page of projects, last updated first.
 *
 * @param projects the page's projects
 * @param total how many projects match
 * @param page the 1-based page
 * @param limit the page size
 */
record ProjectPage(List<ProjectView> projects, long total, int page, int limit) {

}

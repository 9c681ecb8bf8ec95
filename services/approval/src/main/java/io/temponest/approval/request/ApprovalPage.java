package io.temponest.approval.request;

import java.util.List;

/**
 * The envelope of {@code GET /api/approvals} when {@code page} or {@code page_size} is
 * given.
 *
 * @param approvals the page's requests, newest first
 * @param total how many match in all
 * @param page the 1-based page
 * @param pageSize the page size
 */
record ApprovalPage(List<ApprovalSummary> approvals, long total, int page, int pageSize) {

}

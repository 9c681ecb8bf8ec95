package io.temponest.agents.webhook;

import java.util.List;

/**
 * A page of webhooks, newest first (the server's envelope).
 *
 * @param webhooks the page's webhooks
 * @param total how many the tenant has
 * @param page the 1-based page
 * @param pageSize the page size
 */
record WebhookPage(List<WebhookView> webhooks, long total, int page, int pageSize) {

}

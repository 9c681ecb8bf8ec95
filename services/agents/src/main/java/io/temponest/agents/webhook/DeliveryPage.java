package io.temponest.agents.webhook;

import java.util.List;

/**
 * A page of a webhook's deliveries, newest first (the server's envelope).
 *
 * @param deliveries the page's deliveries
 * @param total how many the webhook has
 * @param page the 1-based page
 * @param pageSize the page size
 */
record DeliveryPage(List<DeliveryView> deliveries, long total, int page, int pageSize) {

}

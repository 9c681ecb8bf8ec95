/**
 * Webhooks: a tenant's HTTP endpoints subscribed to the event catalogue, a delivery per
 * subscribed endpoint written in the transaction of every activity row, and a dispatcher
 * that signs and sends them in order per webhook, with retries and a dead letter, never
 * to loopback, link-local, private or multicast addresses.
 */
@NullMarked
package io.temponest.agents.webhook;

import org.jspecify.annotations.NullMarked;

/**
 * Platform events through a transactional outbox: a service writes an event with
 * {@link io.temponest.events.EventOutbox#publish} in the transaction of the change it
 * reports, and the {@link io.temponest.events.OutboxRelay} delivers it afterwards, off
 * the request path, to {@code platform.events.publish-url} (the agents service's
 * {@code POST /internal/events}) as the event's user, with retries, back-off and dead
 * letters.
 *
 * <h2>The outbox contract</h2> Each publishing service creates, in its own schema
 * ({@code platform.events.schema}), the table and functions of
 * {@code io/temponest/events/event-outbox.sql} (in this jar): that file with
 * {@code ${events_schema}} replaced by the schema is a Flyway migration of the service
 * (keeping the {@code ${app_role}} placeholder for the runtime role). The library calls
 * the functions by these signatures in every schema:
 * <ul>
 * <li>table {@code event_outbox (id uuid pk, tenant_id uuid, user_id uuid, type
 * varchar(100), occurred_at timestamptz, payload jsonb, state 'pending'|'dead', attempts
 * integer, next_attempt_at timestamptz, last_error text, created_at timestamptz)} with
 * {@code FORCE ROW LEVEL SECURITY} on {@code app.current_tenant}; the runtime role may
 * {@code SELECT} and {@code INSERT} (under RLS) and nothing else;</li>
 * <li>{@code payload}: {@code {"level": "info|success|warn|error", "resource_type": ...,
 * "resource_id": ..., "message": ..., "details": {...}}}; the relay adds {@code id},
 * {@code type}, {@code occurred_at} and {@code service} when it sends the event;</li>
 * <li>{@code claim_outbox_events(p_now timestamptz, p_limit integer, p_lease interval)}
 * returns {@code (id, tenant_id, user_id, type, occurred_at, payload, attempts)}: pending
 * events due at {@code p_now}, {@code FOR UPDATE SKIP LOCKED}, each leased until
 * {@code p_now + p_lease} with its attempt count raised;</li>
 * <li>{@code outbox_events_sent(p_ids uuid[], p_attempts integer[])} deletes delivered
 * events, {@code outbox_events_retry(p_ids, p_attempts, p_next timestamptz[], p_errors
 * text[])} reschedules failed ones, {@code outbox_events_dead(p_ids, p_attempts, p_errors
 * text[])} dead-letters them; each changes a row only while its attempt count is still
 * the claimed one, and returns how many it changed;</li>
 * <li>{@code outbox_backlog()} returns {@code (pending bigint, dead bigint,
 * oldest_pending timestamptz)} for the gauges.</li>
 * </ul>
 * The functions are {@code SECURITY DEFINER} (owner role, fixed {@code search_path}),
 * executable only by the runtime role: they are the only path across tenants. Background
 * work of a service that itself crosses tenants may write events from its own
 * {@code SECURITY DEFINER} functions in the same row shape, then call
 * {@link io.temponest.events.EventOutbox#written} in that transaction.
 */
@NullMarked
package io.temponest.events;

import org.jspecify.annotations.NullMarked;

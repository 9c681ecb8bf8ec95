-- The platform-event outbox of one service (shared-events, io.temponest.events): events written in the
-- transaction of the change they report, delivered afterwards by the relay of any instance. This file is the
-- contract: a service's migration is this text with the events_schema placeholder replaced by the service's
-- schema (Flyway fills in the app_role one); the library calls the functions below by these signatures.
--
-- Rows are tenant-scoped (FORCE ROW LEVEL SECURITY): the runtime role inserts and reads only its current
-- tenant's events. Claiming, marking and counting across tenants happen only in the SECURITY DEFINER functions
-- (owner role, fixed search_path, executable by the runtime role alone). Delivered events are deleted; dead
-- letters stay with their last error. Claims use FOR UPDATE SKIP LOCKED and a lease (next_attempt_at moved on),
-- and every mark is fenced by the attempt number its claim returned.

CREATE TABLE workers.event_outbox (
	id uuid PRIMARY KEY,
	tenant_id uuid NOT NULL,
	user_id uuid NOT NULL,
	type varchar(100) NOT NULL,
	occurred_at timestamptz NOT NULL,
	payload jsonb NOT NULL,
	state varchar(10) NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dead')),
	attempts integer NOT NULL DEFAULT 0,
	next_attempt_at timestamptz NOT NULL,
	last_error text,
	created_at timestamptz NOT NULL DEFAULT now()
);

-- The claim's query: pending events in due order.
CREATE INDEX event_outbox_due ON workers.event_outbox (next_attempt_at) WHERE state = 'pending';

ALTER TABLE workers.event_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE workers.event_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON workers.event_outbox
	USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid)
	WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), '')::uuid);

-- Up to p_limit pending events due at p_now, of every tenant, oldest due first; each is leased until
-- p_now + p_lease (not claimed again before, unless marked) and its attempt count goes up.
CREATE FUNCTION workers.claim_outbox_events(p_now timestamptz, p_limit integer, p_lease interval)
	RETURNS TABLE (id uuid, tenant_id uuid, user_id uuid, type varchar, occurred_at timestamptz, payload jsonb,
		attempts integer)
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = workers, pg_temp
AS $$
	WITH due AS (
		SELECT o.id FROM workers.event_outbox o
		WHERE o.state = 'pending' AND o.next_attempt_at <= p_now
		ORDER BY o.next_attempt_at
		LIMIT p_limit
		FOR UPDATE SKIP LOCKED
	)
	UPDATE workers.event_outbox o
	SET attempts = o.attempts + 1, next_attempt_at = p_now + p_lease
	FROM due
	WHERE o.id = due.id
	RETURNING o.id, o.tenant_id, o.user_id, o.type, o.occurred_at, o.payload, o.attempts
$$;

-- Delivered: the events of attempt p_attempts[i] are deleted. Returns how many.
CREATE FUNCTION workers.outbox_events_sent(p_ids uuid[], p_attempts integer[])
	RETURNS integer
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = workers, pg_temp
AS $$
	WITH gone AS (
		DELETE FROM workers.event_outbox o
		USING unnest(p_ids, p_attempts) AS d (id, attempt)
		WHERE o.id = d.id AND o.attempts = d.attempt AND o.state = 'pending'
		RETURNING 1
	)
	SELECT count(*)::integer FROM gone
$$;

-- Failed, to be tried again at p_next[i]; p_errors[i] says why. Returns how many.
CREATE FUNCTION workers.outbox_events_retry(p_ids uuid[], p_attempts integer[], p_next timestamptz[],
		p_errors text[])
	RETURNS integer
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = workers, pg_temp
AS $$
	WITH changed AS (
		UPDATE workers.event_outbox o
		SET next_attempt_at = r.next, last_error = left(r.error, 2000)
		FROM unnest(p_ids, p_attempts, p_next, p_errors) AS r (id, attempt, next, error)
		WHERE o.id = r.id AND o.attempts = r.attempt AND o.state = 'pending'
		RETURNING 1
	)
	SELECT count(*)::integer FROM changed
$$;

-- Dead letters: refused by the receiver, or out of attempts; kept with the last error. Returns how many.
CREATE FUNCTION workers.outbox_events_dead(p_ids uuid[], p_attempts integer[], p_errors text[])
	RETURNS integer
	LANGUAGE sql VOLATILE SECURITY DEFINER
	SET search_path = workers, pg_temp
AS $$
	WITH changed AS (
		UPDATE workers.event_outbox o
		SET state = 'dead', last_error = left(r.error, 2000)
		FROM unnest(p_ids, p_attempts, p_errors) AS r (id, attempt, error)
		WHERE o.id = r.id AND o.attempts = r.attempt AND o.state = 'pending'
		RETURNING 1
	)
	SELECT count(*)::integer FROM changed
$$;

-- For the gauges, over all tenants: events waiting, dead letters, and when the oldest waiting one occurred.
CREATE FUNCTION workers.outbox_backlog()
	RETURNS TABLE (pending bigint, dead bigint, oldest_pending timestamptz)
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = workers, pg_temp
AS $$
	SELECT count(*) FILTER (WHERE o.state = 'pending'), count(*) FILTER (WHERE o.state = 'dead'),
		min(o.occurred_at) FILTER (WHERE o.state = 'pending')
	FROM workers.event_outbox o
$$;

GRANT SELECT, INSERT ON workers.event_outbox TO ${app_role};
REVOKE ALL ON FUNCTION workers.claim_outbox_events(timestamptz, integer, interval) FROM PUBLIC;
REVOKE ALL ON FUNCTION workers.outbox_events_sent(uuid[], integer[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION workers.outbox_events_retry(uuid[], integer[], timestamptz[], text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION workers.outbox_events_dead(uuid[], integer[], text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION workers.outbox_backlog() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION workers.claim_outbox_events(timestamptz, integer, interval) TO ${app_role};
GRANT EXECUTE ON FUNCTION workers.outbox_events_sent(uuid[], integer[]) TO ${app_role};
GRANT EXECUTE ON FUNCTION workers.outbox_events_retry(uuid[], integer[], timestamptz[], text[]) TO ${app_role};
GRANT EXECUTE ON FUNCTION workers.outbox_events_dead(uuid[], integer[], text[]) TO ${app_role};
GRANT EXECUTE ON FUNCTION workers.outbox_backlog() TO ${app_role};

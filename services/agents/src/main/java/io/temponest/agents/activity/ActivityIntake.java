package io.temponest.agents.activity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.temponest.security.AuthPrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores events another service relays, in one transaction of the caller's tenant, as the
 * token's user and acting service.
 */
@Service
@Transactional
class ActivityIntake {

	private final ActivityLog log;

	ActivityIntake(ActivityLog log) {
		this.log = log;
	}

	/**
	 * Store events once each.
	 * @param caller the user a service acts for
	 * @param service the acting service (the token's {@code act} claim)
	 * @param events validated events
	 * @return how many were new
	 */
	int relay(AuthPrincipal caller, String service, List<PlatformEvent> events) {
		List<ActivityEntry> entries = new ArrayList<>(events.size());
		for (PlatformEvent event : events) {
			Map<String, @Nullable Object> details = (event.details() != null) ? new LinkedHashMap<>(event.details())
					: new LinkedHashMap<>();
			entries.add(new ActivityEntry(event.id(), caller.tenantUuid(), caller.userUuid().orElse(null),
					event.occurredAt(), service, Objects.requireNonNull(event.type()),
					Objects.requireNonNull(event.level()), event.agent(), event.resourceType(), event.resourceId(),
					Objects.requireNonNull(event.message()), details));
		}
		return this.log.relay(entries);
	}

}

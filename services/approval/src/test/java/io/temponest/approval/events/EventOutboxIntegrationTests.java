package io.temponest.approval.events;

import java.util.List;
import java.util.Map;

import io.temponest.approval.ApprovalIntegrationTest;
import io.temponest.approval.Fixtures;
import io.temponest.approval.OwnerDatabase;
import io.temponest.approval.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static io.temponest.testsupport.ApiCaller.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Platform events go into {@code approval.event_outbox} in the transaction of the change:
 * {@code approval.requested} on create, {@code approval.approved} or
 * {@code approval.rejected} when the request ends (not for a partial approval, nor for a
 * refused decision).
 */
@ApprovalIntegrationTest
class EventOutboxIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Test
	void requestAndItsEndWhenDecidedThenEventsAsTheActingUsers() throws Exception {
		ApiCaller requester = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String approved = Fixtures.create(this.mvc, requester, "high");
		ApiCaller first = requester.colleague("approvals:approve");
		ApiCaller second = requester.colleague("approvals:approve");
		json(this.mvc, first.post("{}", "/api/approvals/{id}/approve", approved), 200);
		assertThat(events(approved)).extracting((e) -> e.get("type")).containsExactly("approval.requested");
		json(this.mvc, first.post("{}", "/api/approvals/{id}/approve", approved), 409);
		json(this.mvc, second.post("{}", "/api/approvals/{id}/approve", approved), 200);
		List<Map<String, Object>> events = events(approved);
		assertThat(events).extracting((e) -> e.get("type")).containsExactly("approval.requested", "approval.approved");
		assertThat(events.get(0).get("user_id")).hasToString(requester.userId().toString());
		assertThat(events.get(1).get("user_id")).hasToString(second.userId().toString());
		assertThat(events)
			.allSatisfy((e) -> assertThat(e.get("tenant_id")).hasToString(requester.tenantId().toString()));

		String denied = Fixtures.create(this.mvc, requester, "low");
		json(this.mvc, second.post("{\"reason\": \"Not this week\"}", "/api/approvals/{id}/deny", denied), 200);
		assertThat(events(denied)).extracting((e) -> e.get("type"))
			.containsExactly("approval.requested", "approval.rejected");
		assertThat(events(denied).get(1).get("reason")).isEqualTo("Not this week");
	}

	private static List<Map<String, Object>> events(String id) {
		return OwnerDatabase.jdbc().sql("""
				SELECT type, tenant_id, user_id, payload -> 'details' ->> 'reason' AS reason
				FROM approval.event_outbox WHERE payload ->> 'resource_id' = :id ORDER BY occurred_at, type DESC
				""").param("id", id).query().listOfRows();
	}

}

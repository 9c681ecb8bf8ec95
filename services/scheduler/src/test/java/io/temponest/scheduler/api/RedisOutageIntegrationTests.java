package io.temponest.scheduler.api;

import io.temponest.scheduler.SchedulerIntegrationTest;
import io.temponest.scheduler.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.TcpProxy;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Redis cut away from the running service (through the test TCP proxy; the shared Redis
 * server keeps running): schedules are still created, limited and triggered, and health
 * still answers.
 */
@SchedulerIntegrationTest
class RedisOutageIntegrationTests {

	private final TcpProxy redis = TestInfrastructure.get().redisProxy();

	@Autowired
	MockMvc mvc;

	@AfterEach
	void restoreRedis() {
		this.redis.restore();
	}

	@Test
	void requestsWhenRedisGoneThenServiceKeepsAnsweringAndLimiting() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		this.redis.cut();
		String id = ApiCaller.json(this.mvc, api.post(ScheduleApiIntegrationTests.SERVER_BODY, "/schedules"), 201)
			.get("id")
			.asString();
		this.mvc.perform(api.post("", "/schedules/{id}/trigger", id)).andExpect(status().isAccepted());
		this.mvc.perform(api.get("/schedules/{id}/executions", id)).andExpect(status().isOk());
		for (int i = 1; i < 50; i++) {
			this.mvc.perform(api.post(ScheduleApiIntegrationTests.SERVER_BODY, "/schedules"))
				.andExpect(status().isCreated());
		}
		this.mvc.perform(api.post(ScheduleApiIntegrationTests.SERVER_BODY, "/schedules"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"));
		this.mvc.perform(MockMvcRequestBuilders.get("/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.cache").value("disconnected"))
			.andExpect(jsonPath("$.database_connected").value(true));
	}

}

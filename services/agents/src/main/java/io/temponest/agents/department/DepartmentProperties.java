package io.temponest.agents.department;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the organisation is read from ({@code temponest.agents.departments.*}).
 *
 * @param location a Spring resource location, e.g. {@code file:/config/organisation.yaml}
 */
@ConfigurationProperties("temponest.agents.departments")
public record DepartmentProperties(@DefaultValue("classpath:departments/organisation.yaml") String location) {

}

package io.temponest.approval.page;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The approval pages ({@code temponest.approval.pages.*}).
 *
 * @param secureCookie Whether the sign-in and CSRF cookies are sent over HTTPS only (off
 * only on a workstation's plain HTTP).
 */
@ConfigurationProperties("temponest.approval.pages")
public record PageProperties(@DefaultValue("true") boolean secureCookie) {

}

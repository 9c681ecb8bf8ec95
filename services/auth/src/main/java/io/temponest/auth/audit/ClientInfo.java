package io.temponest.auth.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where a request came from, for the audit log.
 *
 * @param ipAddress the client address (an IPv4 or IPv6 literal), if known
 * @param userAgent the {@code User-Agent} header, if any
 */
public record ClientInfo(@Nullable String ipAddress, @Nullable String userAgent) {

	/** No client information (background work, tests). */
	public static final ClientInfo NONE = new ClientInfo(null, null);

	private static final int MAX_USER_AGENT = 512;

	private static final Pattern IPV4 = Pattern
		.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");

	private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+$");

	public ClientInfo {
		ipAddress = literalOrNull(ipAddress);
		if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
			userAgent = userAgent.substring(0, MAX_USER_AGENT);
		}
	}

	private static @Nullable String literalOrNull(@Nullable String address) {
		if (address == null) {
			return null;
		}
		if (IPV4.matcher(address).matches()) {
			return address;
		}
		if (address.indexOf(':') >= 0 && IPV6_CHARS.matcher(address).matches()) {
			try {
				// contains ':' so it is parsed as an IPv6 literal, never resolved by DNS
				return InetAddress.getByName(address).getHostAddress();
			}
			catch (UnknownHostException ex) {
				return null;
			}
		}
		return null;
	}

}

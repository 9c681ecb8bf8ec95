package io.temponest.agents.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Keeps webhooks away from the platform's own network: a URL must be http or https, and
 * its host must resolve to no loopback, link-local (169.254/16, fe80::/10), private
 * (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), unspecified (0/8, ::) or multicast
 * address, unless the host or the address is on the allow-list. Checked when a webhook is
 * saved and again before every delivery (the name may resolve elsewhere by then).
 */
@Component
class UrlGuard {

	private static final List<Cidr> REFUSED = List.of(Cidr.parse("0.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
			Cidr.parse("fc00::/7"));

	private final List<String> allowedHosts = new ArrayList<>();

	private final List<Cidr> allowedBlocks = new ArrayList<>();

	UrlGuard(WebhookProperties properties) {
		for (String entry : properties.allowedHosts()) {
			String value = entry.strip();
			if (value.isEmpty()) {
				continue;
			}
			if (value.contains("/")) {
				this.allowedBlocks.add(Cidr.parse(value));
			}
			else {
				this.allowedHosts.add(value.toLowerCase(Locale.ROOT));
			}
		}
	}

	/**
	 * Why a URL may not be saved: its form, or an address its host resolves to now (a
	 * host that does not resolve is accepted, and checked again at delivery).
	 * @param url the URL
	 * @return the reason, or {@code null} when it may be saved
	 */
	@Nullable String refusalToSave(String url) {
		return refusal(url, false);
	}

	/**
	 * Why a URL may not be called now (a host that does not resolve is a reason too).
	 * @param url the URL
	 * @return the reason, or {@code null} when it may be called
	 */
	@Nullable String refusalToCall(String url) {
		return refusal(url, true);
	}

	private @Nullable String refusal(String url, boolean mustResolve) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return "url is not a valid URL";
		}
		String scheme = uri.getScheme();
		if (scheme == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
			return "url must start with http:// or https://";
		}
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			return "url must name a host";
		}
		if (uri.getRawUserInfo() != null) {
			return "url must not carry credentials";
		}
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		if (this.allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
			return null;
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(bare);
		}
		catch (UnknownHostException ex) {
			return mustResolve ? "host " + bare + " does not resolve" : null;
		}
		for (InetAddress address : addresses) {
			if (this.allowedBlocks.stream().anyMatch((block) -> block.contains(address))) {
				continue;
			}
			String kind = refusedKind(address);
			if (kind != null) {
				return "url must not reach a " + kind + " address (" + bare + " is " + address.getHostAddress() + ")";
			}
		}
		return null;
	}

	private static @Nullable String refusedKind(InetAddress address) {
		if (address.isLoopbackAddress()) {
			return "loopback";
		}
		if (address.isLinkLocalAddress()) {
			return "link-local";
		}
		if (address.isAnyLocalAddress()) {
			return "unspecified";
		}
		if (address.isMulticastAddress()) {
			return "multicast";
		}
		if (address.isSiteLocalAddress() || REFUSED.stream().anyMatch((block) -> block.contains(address))) {
			return (address instanceof Inet4Address && REFUSED.get(0).contains(address)) ? "unspecified" : "private";
		}
		return null;
	}

	/**
	 * A block of addresses.
	 *
	 * @param network the block's first address
	 * @param prefix the length of its prefix in bits
	 */
	record Cidr(byte[] network, int prefix) {

		static Cidr parse(String text) {
			int slash = text.indexOf('/');
			String address = (slash < 0) ? text : text.substring(0, slash);
			if (!address.matches("[0-9a-fA-F:.]+")) {
				throw new IllegalArgumentException("Not an address block: " + text);
			}
			try {
				byte[] bytes = InetAddress.getByName(address).getAddress();
				int prefix = (slash < 0) ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
				if (prefix < 0 || prefix > bytes.length * 8) {
					throw new IllegalArgumentException("Not an address block: " + text);
				}
				return new Cidr(bytes, prefix);
			}
			catch (UnknownHostException | NumberFormatException ex) {
				throw new IllegalArgumentException("Not an address block: " + text, ex);
			}
		}

		boolean contains(InetAddress address) {
			byte[] bytes = address.getAddress();
			if (bytes.length != this.network.length) {
				return false;
			}
			int bits = this.prefix;
			for (int i = 0; i < bytes.length && bits > 0; i++, bits -= 8) {
				int mask = (bits >= 8) ? 0xff : (0xff << (8 - bits)) & 0xff;
				if ((bytes[i] & mask) != (this.network[i] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

}

package io.temponest.agents.webhook;

/**
 * A webhook's new signing secret.
 *
 * @param secretKey the secret (the server's name)
 * @param secret the same (the SDK's name)
 */
record SecretView(String secretKey, String secret) {

}

package io.temponest.agents.activity;

/**
 * The answer to relayed events.
 *
 * @param accepted how many events the request carried (each stored once, whether now or
 * by an earlier delivery)
 */
record EventsAccepted(int accepted) {

}

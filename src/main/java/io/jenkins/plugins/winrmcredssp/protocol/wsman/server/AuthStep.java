package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

/**
 * The outcome of one authentication leg.
 *
 * @param complete whether the client is authenticated: the request carrying this leg is then processed
 * @param replyToken the token for {@code WWW-Authenticate: <scheme> <token>}: in the 401 of an unfinished exchange,
 *        or in the final response (a SPNEGO accept-completed with mechListMIC); {@code null} when there is none
 */
public record AuthStep(boolean complete, byte[] replyToken) {

    public static AuthStep continueWith(byte[] replyToken) {
        if (replyToken == null) {
            throw new IllegalArgumentException("an unfinished exchange must send a token back");
        }
        return new AuthStep(false, replyToken);
    }

    public static AuthStep completed(byte[] finalToken) {
        return new AuthStep(true, finalToken);
    }
}

package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Values every request header carries ([MS-WSMV] 2.2.4): the endpoint ({@code To}), {@code MaxEnvelopeSize},
 * {@code Locale}/{@code DataLocale} and {@code OperationTimeout}. The transport's read timeout must exceed the
 * operation timeout, since a Receive legitimately blocks that long on the server.
 *
 * @param endpoint         e.g. {@code http://host:5985/wsman}
 * @param maxEnvelopeSize  largest response the server may send, in bytes (Windows default 153600)
 * @param locale           BCP 47 tag for {@code Locale} and {@code DataLocale}, e.g. {@code en-US}
 * @param operationTimeout whole seconds, at least 1
 */
public record WsmanSettings(String endpoint, int maxEnvelopeSize, String locale, Duration operationTimeout) {
    public static final int DEFAULT_MAX_ENVELOPE_SIZE = 153_600;
    public static final String DEFAULT_LOCALE = "en-US";
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(20);

    public WsmanSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(operationTimeout, "operationTimeout");
        if (maxEnvelopeSize < 8192) {
            throw new IllegalArgumentException("maxEnvelopeSize must be at least 8192 bytes, not " + maxEnvelopeSize);
        }
        if (operationTimeout.getSeconds() < 1 || operationTimeout.getNano() != 0) {
            throw new IllegalArgumentException("operationTimeout must be a whole number of seconds >= 1, not "
                    + operationTimeout);
        }
        if (locale.isBlank() || Locale.forLanguageTag(locale).toLanguageTag().equals("und")) {
            throw new IllegalArgumentException("locale is not a language tag: " + locale);
        }
    }

    /** Windows defaults (153600-byte envelopes, en-US, 20 s) for the given endpoint. */
    public static WsmanSettings defaults(String endpoint) {
        return new WsmanSettings(endpoint, DEFAULT_MAX_ENVELOPE_SIZE, DEFAULT_LOCALE, DEFAULT_OPERATION_TIMEOUT);
    }

    public WsmanSettings withOperationTimeout(Duration timeout) {
        return new WsmanSettings(endpoint, maxEnvelopeSize, locale, timeout);
    }

    /** {@code OperationTimeout} as an xs:duration, {@code PTnS}. */
    public String operationTimeoutText() {
        return "PT" + operationTimeout.getSeconds() + "S";
    }
}

package io.jenkins.plugins.winrmcredssp.protocol.wsman;

/** A part decrypted to a different length than its {@code OriginalContent ... Length=} announced. */
public class EncryptedLengthMismatchException extends EncryptedMessageException {
    private static final long serialVersionUID = 1L;

    private final long announced;
    private final long actual;

    public EncryptedLengthMismatchException(int part, long announced, long actual) {
        super("encrypted part " + part + " decrypted to " + actual + " bytes but announced Length=" + announced
                + " (truncated or tampered message)");
        this.announced = announced;
        this.actual = actual;
    }

    public long announced() {
        return announced;
    }

    public long actual() {
        return actual;
    }
}

package io.jenkins.plugins.winrmcredssp.protocol.cli;

/**
 * The CLI's exit statuses. A command that ran exits with its remote exit code; the OS keeps only its low 8 bits, so
 * codes above 255 or negative are also printed in full on stderr. Client-side failures use the statuses below.
 * A remote command may of course exit 2..5 itself: the one stderr line ({@code winrm-credssp: ...}) tells them apart.
 */
public final class ExitStatus {
    /** Wrong or missing options; the usage is printed. */
    public static final int USAGE = 2;
    /** TCP connection, outer HTTPS certificate check, or the CredSSP TLS handshake failed. */
    public static final int CONNECTION = 3;
    /** The server refused the user (inner NTLM/Kerberos authentication, public key exchange or delegation). */
    public static final int AUTHENTICATION = 4;
    /** A WS-Management fault or any other failure after authentication. */
    public static final int REMOTE_FAILURE = 5;

    private ExitStatus() {
    }
}

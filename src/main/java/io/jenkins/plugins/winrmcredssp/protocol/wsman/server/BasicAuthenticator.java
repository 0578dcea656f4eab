package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * HTTP Basic (RFC 7617) against a fixed set of local accounts, offered on HTTPS only (WinRM refuses Basic on HTTP
 * while AllowUnencrypted is false). Every request carries its own {@code Authorization}. Passwords are compared in
 * constant time and the decoded {@code user:password} is wiped.
 */
public final class BasicAuthenticator implements HttpAuthenticator {
    private final List<UserCredentials> accounts;

    /**
     * @param accounts accepted as {@code user} or {@code DOMAIN\\user}, user names case-insensitively; copied, so the
     *        caller may destroy its own
     */
    public BasicAuthenticator(List<UserCredentials> accounts) {
        this.accounts = accounts.stream().map(BasicAuthenticator::copy).toList();
    }

    private static UserCredentials copy(UserCredentials account) {
        char[] password = account.password();
        try {
            return UserCredentials.parse(account.displayName(), password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public String scheme() {
        return "Basic";
    }

    @Override
    public String offer() {
        return "Basic realm=\"WSMAN\"";
    }

    @Override
    public boolean availableOn(ConnectionInfo connection) {
        return connection.https();
    }

    @Override
    public AuthExchange newExchange(ConnectionInfo connection) {
        return new Exchange();
    }

    private final class Exchange implements AuthExchange {
        private String principal;

        @Override
        public AuthStep step(byte[] token) throws ProtocolException {
            char[] userPass = decodeUtf8(token);
            Arrays.fill(token, (byte) 0);
            try {
                int colon = indexOf(userPass, ':');
                if (colon < 0) {
                    throw new AuthenticationFailedException("Basic credentials are not user:password");
                }
                String user = new String(userPass, 0, colon);
                char[] password = Arrays.copyOfRange(userPass, colon + 1, userPass.length);
                try {
                    principal = verify(user, password)
                            .orElseThrow(() -> new AuthenticationFailedException("Basic: unknown user or wrong password for '" + user + "'"));
                    return AuthStep.completed(null);
                } finally {
                    Arrays.fill(password, '\0');
                }
            } finally {
                Arrays.fill(userPass, '\0');
            }
        }

        @Override
        public boolean bindsConnection() {
            return false;
        }

        @Override
        public Optional<EncryptedMessage> sealing() {
            return Optional.empty();
        }

        @Override
        public String principal() {
            return principal;
        }

        @Override
        public void close() {
        }
    }

    private Optional<String> verify(String user, char[] password) {
        String matched = null;
        for (UserCredentials account : accounts) {
            boolean nameMatches = user.equalsIgnoreCase(account.user()) || user.equalsIgnoreCase(account.displayName());
            char[] expected = account.password();
            boolean passwordMatches = MessageDigest.isEqual(utf8(expected), utf8(password));
            Arrays.fill(expected, '\0');
            if (nameMatches && passwordMatches && matched == null) {
                matched = account.displayName();
            }
        }
        return Optional.ofNullable(matched);
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }

    private static char[] decodeUtf8(byte[] token) throws AuthenticationFailedException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(token));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            Arrays.fill(chars.array(), '\0');
            return out;
        } catch (CharacterCodingException e) {
            throw new AuthenticationFailedException("Basic credentials are not valid UTF-8");
        }
    }

    private static int indexOf(char[] chars, char c) {
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == c) {
                return i;
            }
        }
        return -1;
    }
}

package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The values pubKeyAuth protects, MS-CSSP §3.1.5 steps 3 and 4, before the inner context wraps them. Versions 2 to 4
 * send the server's subjectPublicKey itself and expect it back with its first byte incremented; versions 5 and later
 * send SHA-256 hashes over a magic string, the client's 32-byte nonce and the key.
 */
public final class PubKeyAuth {
    /** First CredSSP version that uses the nonce and binding hashes (the CVE-2018-0886 fix). */
    public static final int FIRST_HASH_VERSION = 5;
    public static final int NONCE_LENGTH = 32;

    private static final byte[] CLIENT_TO_SERVER = "CredSSP Client-To-Server Binding Hash\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_TO_CLIENT = "CredSSP Server-To-Client Binding Hash\0".getBytes(StandardCharsets.US_ASCII);

    private PubKeyAuth() {
    }

    /** What the client wraps: the key (versions 2-4) or SHA256(ClientServerHashMagic || nonce || key). */
    public static byte[] clientValue(int version, byte[] nonce, byte[] subjectPublicKey) {
        if (version < FIRST_HASH_VERSION) {
            return subjectPublicKey.clone();
        }
        return sha256(CLIENT_TO_SERVER, nonce, subjectPublicKey);
    }

    /** What the server wraps: the key with its first byte plus one (versions 2-4) or SHA256(ServerClientHashMagic...). */
    public static byte[] serverValue(int version, byte[] nonce, byte[] subjectPublicKey) {
        if (version < FIRST_HASH_VERSION) {
            byte[] value = subjectPublicKey.clone();
            value[0]++;
            return value;
        }
        return sha256(SERVER_TO_CLIENT, nonce, subjectPublicKey);
    }

    /** Constant-time comparison. */
    public static boolean matches(byte[] expected, byte[] actual) {
        return actual != null && MessageDigest.isEqual(expected, actual);
    }

    private static byte[] sha256(byte[] magic, byte[] nonce, byte[] key) {
        if (nonce == null || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("CredSSP version 5+ needs a 32-byte clientNonce");
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(magic);
            digest.update(nonce);
            return digest.digest(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}

package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbErrorCode;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/**
 * A KDC on 127.0.0.1 (TCP, RFC 4120 §7.2.2 framing) that answers every request with one KRB-ERROR, to see the
 * JDK's handling of errors a real KDC sends in situations a test cannot stage (clock skew, disabled account).
 */
final class ScriptedKdc implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;

    ScriptedKdc(String realm, KrbErrorCode code) throws IOException, KrbException {
        KrbError error = new KrbError();
        error.setStime(new KerberosTime(System.currentTimeMillis() / 1000 * 1000));
        error.setSusec(0);
        error.setErrorCode(code);
        error.setRealm(realm);
        error.setSname(new PrincipalName("krbtgt/" + realm + "@" + realm));
        byte[] reply = KrbCodec.encode(error);
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(reply), "scripted-kdc-" + realm);
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve(byte[] reply) {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(5000);
                DataInputStream in = new DataInputStream(client.getInputStream());
                int length = in.readInt();
                if (length < 0 || length > 65536) {
                    continue;
                }
                in.readFully(new byte[length]);
                DataOutputStream out = new DataOutputStream(client.getOutputStream());
                out.writeInt(reply.length);
                out.write(reply);
                out.flush();
            } catch (IOException e) {
                // Closed by close(), or a client gave up: serve the next one or stop.
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.jenkins.plugins.winrmcredssp.protocol.kerberos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * JAAS logins through the JDK's {@code Krb5LoginModule}, each with its own {@link Configuration} object so that no
 * JVM-wide JAAS file is read or needed. Neither login reads or writes a ticket cache.
 */
final class KerberosLogin {
    static final String KRB5_LOGIN_MODULE = "com.sun.security.auth.module.Krb5LoginModule";
    private static final String ENTRY = "winrm-credssp-kerberos";

    private KerberosLogin() {
    }

    /**
     * Gets a TGT for {@code principal} with {@code password} (AS exchange, RFC 4120 §3.1). The callback handler
     * answers from memory, so nothing prompts; the module keeps no key ({@code storeKey=false}) and clears the
     * password.
     *
     * @param principal {@code user@REALM}, or {@code user} for the configuration's default realm
     * @param password  read, not kept; the caller wipes it
     */
    static LoginContext withPassword(String principal, char[] password, boolean refreshConfig)
            throws KerberosException {
        Map<String, String> options = baseOptions(refreshConfig);
        options.put("principal", principal);
        options.put("isInitiator", "true");
        options.put("useKeyTab", "false");
        options.put("storeKey", "false");
        // Prompting goes through our in-memory handler; doNotPrompt=true would forbid asking it for the password.
        options.put("doNotPrompt", "false");
        options.put("tryFirstPass", "false");
        options.put("useFirstPass", "false");
        options.put("storePass", "false");
        options.put("clearPass", "true");
        CallbackHandler handler = callbacks -> {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(principal);
                } else if (callback instanceof PasswordCallback pass) {
                    pass.setPassword(password);
                } else {
                    throw new UnsupportedCallbackException(callback, "only the name and password are known");
                }
            }
        };
        try {
            return login(options, handler);
        } catch (LoginException e) {
            throw KerberosErrors.classify(e, KerberosErrors.Stage.LOGIN, principal, null);
        }
    }

    /**
     * Loads the service keys of {@code principal} ({@code *} for every principal in the file) from a keytab, for an
     * acceptor; no KDC is contacted.
     */
    static LoginContext withKeytab(String principal, Path keytab, boolean refreshConfig) throws KerberosException {
        if (!Files.isReadable(keytab)) {
            throw new KerberosException(KerberosFailure.CONFIGURATION, "keytab " + keytab + " does not exist or cannot"
                    + " be read");
        }
        Map<String, String> options = baseOptions(refreshConfig);
        options.put("principal", principal);
        options.put("isInitiator", "false");
        options.put("useKeyTab", "true");
        options.put("keyTab", keytab.toAbsolutePath().toString());
        options.put("storeKey", "true");
        options.put("doNotPrompt", "true");
        try {
            return login(options, callbacks -> {
                throw new UnsupportedCallbackException(callbacks[0], "keytab login does not prompt");
            });
        } catch (LoginException e) {
            throw new KerberosException(KerberosFailure.CONFIGURATION, "cannot load the keys of " + principal
                    + " from keytab " + keytab + ": " + e.getMessage() + ". Check the principal name (klist -k "
                    + keytab + ")", e);
        }
    }

    private static Map<String, String> baseOptions(boolean refreshConfig) {
        Map<String, String> options = new HashMap<>();
        options.put("useTicketCache", "false");
        options.put("renewTGT", "false");
        options.put("refreshKrb5Config", Boolean.toString(refreshConfig));
        options.put("debug", "false");
        return options;
    }

    private static LoginContext login(Map<String, String> options, CallbackHandler handler) throws LoginException {
        AppConfigurationEntry entry = new AppConfigurationEntry(KRB5_LOGIN_MODULE,
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options);
        Configuration configuration = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {entry};
            }
        };
        LoginContext context = new LoginContext(ENTRY, new Subject(), handler, configuration);
        context.login();
        return context;
    }
}

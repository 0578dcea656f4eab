/*
 * Jenkins API stand-in: mirrors com.cloudbees.plugins.credentials.CredentialsMatchers from org.jenkins-ci.plugins:credentials 1511.v2e3cb_0008ef0 (sources read at 1502.v5c95e620ddfe, same API).
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;

public class CredentialsMatchers {
    private CredentialsMatchers() {
    }

    public static CredentialsMatcher always() {
        return item -> true;
    }

    public static CredentialsMatcher never() {
        return item -> false;
    }

    public static CredentialsMatcher instanceOf(Class clazz) {
        return clazz::isInstance;
    }

    public static CredentialsMatcher withId(String id) {
        return item -> item instanceof IdCredentials c && id.equals(c.getId());
    }

    public static CredentialsMatcher allOf(CredentialsMatcher... matchers) {
        return item -> {
            for (CredentialsMatcher m : matchers) {
                if (!m.matches(item)) {
                    return false;
                }
            }
            return true;
        };
    }

    public static <C extends Credentials> C firstOrNull(Iterable<C> credentials, CredentialsMatcher matcher) {
        for (C c : credentials) {
            if (matcher.matches(c)) {
                return c;
            }
        }
        return null;
    }
}

/*
 * Jenkins API stand-in: mirrors com.cloudbees.plugins.credentials.common.StandardCredentials from org.jenkins-ci.plugins:credentials 1511.v2e3cb_0008ef0 (sources read at 1502.v5c95e620ddfe, same API).
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package com.cloudbees.plugins.credentials.common;

public interface StandardCredentials extends IdCredentials {
    String getDescription();
}

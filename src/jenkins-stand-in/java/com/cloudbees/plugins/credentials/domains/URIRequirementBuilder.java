/*
 * Jenkins API stand-in: mirrors com.cloudbees.plugins.credentials.domains.URIRequirementBuilder from org.jenkins-ci.plugins:credentials 1511.v2e3cb_0008ef0 (sources read at 1502.v5c95e620ddfe, same API).
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package com.cloudbees.plugins.credentials.domains;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The stand-in records the host name only (the real builder also adds scheme, port and path requirements). */
public class URIRequirementBuilder {
    private String hostname;

    private URIRequirementBuilder() {
    }

    public static URIRequirementBuilder create() {
        return new URIRequirementBuilder();
    }

    public static URIRequirementBuilder fromUri(String uri) {
        return create().withUri(uri);
    }

    public URIRequirementBuilder withUri(String uri) {
        if (uri != null) {
            try {
                hostname = URI.create(uri).getHost();
            } catch (IllegalArgumentException e) {
                hostname = null;
            }
        }
        return this;
    }

    public URIRequirementBuilder withHostname(String hostname) {
        this.hostname = hostname;
        return this;
    }

    public List<DomainRequirement> build() {
        List<DomainRequirement> result = new ArrayList<>();
        if (hostname != null) {
            result.add(new HostnameRequirement(hostname));
        }
        return result;
    }
}

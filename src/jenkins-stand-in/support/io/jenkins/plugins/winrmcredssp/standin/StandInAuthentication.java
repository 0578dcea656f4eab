package io.jenkins.plugins.winrmcredssp.standin;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** A named, authenticated principal without authorities: what the stand-in's ACL.SYSTEM2 and users are. */
public final class StandInAuthentication implements Authentication {
    private static final long serialVersionUID = 1L;

    private final String name;

    public StandInAuthentication(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of();
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getDetails() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return name;
    }

    @Override
    public boolean isAuthenticated() {
        return true;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        throw new IllegalArgumentException("immutable");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StandInAuthentication other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "StandInAuthentication[" + name + "]";
    }
}

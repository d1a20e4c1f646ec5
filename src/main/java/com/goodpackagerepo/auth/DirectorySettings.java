package com.goodpackagerepo.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The LDAP directory that {@code POST /auth/login} also accepts users from (MicroProfile Config; environment
 * variables override, e.g. {@code GPR_LDAP_URL}, {@code GPR_LDAP_BIND_PASSWORD}). Without {@code gpr.ldap.url}
 * only local users log in. {@code {0}} in the user filter is the (escaped) login name, in the group filter the
 * user's DN.
 */
@ApplicationScoped
public class DirectorySettings {
    @Inject
    @ConfigProperty(name = "gpr.ldap.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "gpr.ldap.bind-dn")
    Optional<String> bindDn;

    @Inject
    @ConfigProperty(name = "gpr.ldap.bind-password")
    Optional<String> bindPassword;

    @Inject
    @ConfigProperty(name = "gpr.ldap.user-base-dn")
    Optional<String> userBaseDn;

    @Inject
    @ConfigProperty(name = "gpr.ldap.user-filter", defaultValue = "(uid={0})")
    String userFilter;

    @Inject
    @ConfigProperty(name = "gpr.ldap.group-base-dn")
    Optional<String> groupBaseDn;

    @Inject
    @ConfigProperty(name = "gpr.ldap.group-filter", defaultValue = "(member={0})")
    String groupFilter;

    @Inject
    @ConfigProperty(name = "gpr.ldap.group-name-attribute", defaultValue = "cn")
    String groupNameAttribute;

    @Inject
    @ConfigProperty(name = "gpr.ldap.timeout-ms", defaultValue = "3000")
    int timeoutMillis;

    public Optional<Directory> directory() {
        return url.filter(u -> !u.isBlank()).map(u -> new Directory(u.trim(), bindDn.orElse(""), bindPassword.orElse(""),
                userBaseDn.orElse(""), userFilter, groupBaseDn.orElse(userBaseDn.orElse("")), groupFilter,
                groupNameAttribute, timeoutMillis));
    }

    /** One directory's connection and search settings. */
    public record Directory(String url, String bindDn, String bindPassword, String userBaseDn, String userFilter,
                            String groupBaseDn, String groupFilter, String groupNameAttribute, int timeoutMillis) {
        @Override
        public String toString() {
            return "Directory[" + url + ", bindDn=" + bindDn + "]";
        }
    }
}

package com.goodpackagerepo.auth;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.SocketFactory;

/**
 * Checks a user name and password against the LDAP directory ({@link DirectorySettings}) with the UnboundID LDAP
 * SDK: the service account finds the user's entry (exactly one), a bind as that entry checks the password, and
 * the service account reads the user's groups (their {@code cn} by default). A fresh connection per login, with
 * connect and response timeouts: logins are rare next to token checks, and nothing is left open when the
 * directory goes away. An unreachable or misconfigured directory is 503 {@code UNAVAILABLE}, never a 500.
 */
@ApplicationScoped
public class LdapDirectory {
    private static final Logger LOG = Logger.getLogger(LdapDirectory.class.getName());

    @Inject
    DirectorySettings settings;

    /** A directory user whose password was just checked. */
    public record DirectoryUser(String username, String dn, Set<String> groups) {
    }

    public boolean enabled() {
        return settings.directory().isPresent();
    }

    /** The user when name and password match a directory entry; empty when they do not (or no directory is set). */
    public Optional<DirectoryUser> authenticate(String username, String password) {
        Optional<DirectorySettings.Directory> configured = settings.directory();
        if (configured.isEmpty() || password.isEmpty()) {
            // an empty password would be an anonymous ("unauthenticated") bind, which many servers accept
            return Optional.empty();
        }
        DirectorySettings.Directory d = configured.get();
        try (LDAPConnection service = connect(d)) {
            if (!d.bindDn().isEmpty()) {
                service.bind(d.bindDn(), d.bindPassword());
            }
            Filter userFilter = Filter.create(d.userFilter().replace("{0}", Filter.encodeValue(username)));
            SearchResult users = service.search(new SearchRequest(d.userBaseDn(), SearchScope.SUB, userFilter, "1.1"));
            if (users.getEntryCount() != 1) {
                return Optional.empty();
            }
            String dn = users.getSearchEntries().get(0).getDN();
            if (!passwordMatches(d, dn, password)) {
                return Optional.empty();
            }
            return Optional.of(new DirectoryUser(username, dn, groups(service, d, dn)));
        } catch (LDAPException e) {
            LOG.log(Level.WARNING, "LDAP directory " + d.url() + " failed: " + e.getResultCode() + " "
                    + e.getDiagnosticMessage(), e);
            throw new DomainException(ErrorCode.UNAVAILABLE, "The user directory is unavailable; try again later");
        }
    }

    private boolean passwordMatches(DirectorySettings.Directory d, String dn, String password) throws LDAPException {
        try (LDAPConnection user = connect(d)) {
            user.bind(dn, password);
            return true;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return false;
            }
            throw e;
        }
    }

    private static Set<String> groups(LDAPConnection service, DirectorySettings.Directory d, String dn) throws LDAPException {
        Filter filter = Filter.create(d.groupFilter().replace("{0}", Filter.encodeValue(dn)));
        SearchResult found = service.search(new SearchRequest(d.groupBaseDn(), SearchScope.SUB, filter,
                d.groupNameAttribute()));
        Set<String> groups = new TreeSet<>();
        for (SearchResultEntry entry : found.getSearchEntries()) {
            String name = entry.getAttributeValue(d.groupNameAttribute());
            if (name != null) {
                groups.add(name);
            }
        }
        return groups;
    }

    private static LDAPConnection connect(DirectorySettings.Directory d) throws LDAPException {
        LDAPURL url = new LDAPURL(d.url());
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(d.timeoutMillis());
        options.setResponseTimeoutMillis(d.timeoutMillis());
        SocketFactory sockets = null;
        if ("ldaps".equalsIgnoreCase(url.getScheme())) {
            try {
                // the JVM's default trust store: add the directory's CA there (docs/security.md)
                sockets = new SSLUtil(new TrustStoreTrustManager(System.getProperty("java.home") + "/lib/security/cacerts"))
                        .createSSLSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new LDAPException(ResultCode.CONNECT_ERROR, "cannot set up TLS: " + e.getMessage(), e);
            }
        }
        return new LDAPConnection(sockets, options, url.getHost(), url.getPort());
    }
}

package com.goodpackagerepo.auth;

import com.goodpackagerepo.storage.engines.StorageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.logging.Logger;

/**
 * Creates the first user, {@code admin} with every scope, when there is no user at all. Its password is
 * GPR_ADMIN_PASSWORD when set (it must pass the password policy), otherwise random: written to
 * {@code <data dir>/bootstrap-admin-password} (owner read/write only) and logged once.
 */
@ApplicationScoped
public class BootstrapAdmin {
    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class.getName());
    public static final String USERNAME = "admin";
    static final String PASSWORD_FILE = "bootstrap-admin-password";
    private static final String PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int PASSWORD_LENGTH = 24;

    @Inject
    UserService users;
    @Inject
    AuthSettings settings;
    @Inject
    StorageSettings storage;

    public void ensure() {
        if (users.count() > 0) {
            return;
        }
        var scopes = new LinkedHashSet<>(List.of("read", "write", "admin"));
        if (settings.bootstrapAdminPassword().isPresent()) {
            users.create(USERNAME, settings.bootstrapAdminPassword().get(), scopes);
            LOG.info("created user admin with the password from GPR_ADMIN_PASSWORD");
            return;
        }
        String password = randomPassword();
        while (!acceptable(password)) {
            password = randomPassword();
        }
        users.create(USERNAME, password, scopes);
        Path file = writePasswordFile(password);
        LOG.warning("created user admin with a random password: " + password + " (also in " + file
                + "; change it with POST /auth/change-password)");
    }

    private Path writePasswordFile(String password) {
        Path file = storage.dataDir().resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, password + System.lineSeparator(), StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A random password can, very rarely, contain the user name; such a draw is simply drawn again. */
    private boolean acceptable(String password) {
        try {
            users.policy().check(USERNAME, password);
            return true;
        } catch (com.goodpackagerepo.error.DomainException weak) {
            return false;
        }
    }

    /**
     * 24 letters and digits (about 143 bits). No punctuation: a password that starts with '-' is taken for an
     * option by command-line tools (the seed loader's {@code --password}, curl's {@code -u}).
     */
    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}

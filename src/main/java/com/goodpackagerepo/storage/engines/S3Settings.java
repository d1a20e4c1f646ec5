package com.goodpackagerepo.storage.engines;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

/**
 * Settings of S3 blob stores that are not part of the schema: credentials (never in the schema) and the client's
 * bounded retry and timeout policy. Credentials of store NAME come from, in order:
 * {@code gpr.s3.NAME.access-key-id}/{@code gpr.s3.NAME.secret-access-key} (MicroProfile Config, so also the
 * environment as GPR_S3_NAME_ACCESS_KEY_ID …), the mounted secret file {@code gpr.s3.NAME.credentials-file}
 * (properties: aws_access_key_id, aws_secret_access_key), then the SDK's AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.
 */
@ApplicationScoped
public class S3Settings {

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "gpr.s3.max-attempts", defaultValue = "4")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "gpr.s3.backoff-ms", defaultValue = "100")
    long backoffMs;

    @Inject
    @ConfigProperty(name = "gpr.s3.max-backoff-ms", defaultValue = "2000")
    long maxBackoffMs;

    @Inject
    @ConfigProperty(name = "gpr.s3.connect-timeout-ms", defaultValue = "2000")
    long connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "gpr.s3.read-timeout-ms", defaultValue = "30000")
    long readTimeoutMs;

    @Inject
    @ConfigProperty(name = "gpr.s3.part-bytes", defaultValue = "16777216")
    long partBytes;

    /** Bound of each S3 store's node-local read cache (data dir s3-cache/NAME); 0 (the default) turns it off. */
    @Inject
    @ConfigProperty(name = "gpr.s3.cache.max-bytes", defaultValue = "0")
    long cacheMaxBytes;

    /** Larger objects are always read from the bucket (a first ranged read should not wait for all of it). */
    @Inject
    @ConfigProperty(name = "gpr.s3.cache.max-object-bytes", defaultValue = "67108864")
    long cacheMaxObjectBytes;

    public long cacheMaxBytes() {
        return cacheMaxBytes;
    }

    public long cacheMaxObjectBytes() {
        return cacheMaxObjectBytes;
    }

    public S3StoreOpener.Policy policy() {
        return new S3StoreOpener.Policy(maxAttempts, Duration.ofMillis(backoffMs), Duration.ofMillis(maxBackoffMs),
                Duration.ofMillis(connectTimeoutMs), Duration.ofMillis(readTimeoutMs), partBytes);
    }

    public AwsCredentialsProvider credentials(String store) {
        String base = "gpr.s3." + store.toLowerCase(Locale.ROOT) + ".";
        Optional<String> id = config.getOptionalValue(base + "access-key-id", String.class);
        Optional<String> secret = config.getOptionalValue(base + "secret-access-key", String.class);
        if (id.isPresent() && secret.isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(id.get(), secret.get()));
        }
        Optional<String> file = config.getOptionalValue(base + "credentials-file", String.class);
        if (file.isPresent()) {
            return fromFile(Path.of(file.get()));
        }
        return AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                SystemPropertyCredentialsProvider.create());
    }

    /** A mounted secret in properties form (the AWS credentials file's keys, without sections). */
    static AwsCredentialsProvider fromFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the S3 credentials file " + file + ": " + e.getMessage(), e);
        }
        String id = properties.getProperty("aws_access_key_id");
        String secret = properties.getProperty("aws_secret_access_key");
        if (id == null || secret == null) {
            throw new IllegalStateException("the S3 credentials file " + file
                    + " needs aws_access_key_id and aws_secret_access_key");
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(id.trim(), secret.trim()));
    }
}

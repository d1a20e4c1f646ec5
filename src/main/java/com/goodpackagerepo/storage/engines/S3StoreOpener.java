package com.goodpackagerepo.storage.engines;

import com.goodpackagerepo.schema.BlobStoreDef;
import com.goodpackagerepo.storage.blob.S3BlobStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Opens an S3 blob store from its schema definition: {@code bucket}, {@code prefix}, {@code endpoint} (absent: AWS),
 * {@code region}, {@code path_style}, {@code presigned_redirect_seconds} (absent: downloads go through the server)
 * and {@code addressing.path_template}. The client retries throttling (503 SlowDown), 5xx answers, timeouts and
 * connection resets with exponential backoff, a bounded number of times, and every socket read has a timeout, so
 * a failing bucket costs a bounded wait.
 */
public final class S3StoreOpener {
    /** The client's retry and timeout policy and the multipart part size. */
    public record Policy(int maxAttempts, Duration backoff, Duration maxBackoff, Duration connectTimeout,
                         Duration readTimeout, long partBytes) {
    }

    private S3StoreOpener() {
    }

    /** @param def a store of kind s3 ({@link BlobStoreDef#s3()} not null) */
    public static S3BlobStore open(BlobStoreDef def, Path staging, AwsCredentialsProvider credentials, Policy policy) {
        BlobStoreDef.S3 bucket = def.s3();
        Region region = Region.of(bucket.region());
        boolean pathStyle = bucket.pathStyle();
        String endpoint = bucket.endpoint();
        S3Configuration service = S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build();
        var builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(service)
                // Content-MD5 is what we send; the newer default checksums use aws-chunked bodies that some
                // S3-compatible servers do not accept.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(policy.connectTimeout())
                        .socketTimeout(policy.readTimeout())
                        .build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(policy.maxAttempts())
                        .backoffStrategy(BackoffStrategy.exponentialDelay(policy.backoff(), policy.maxBackoff()))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(policy.backoff(),
                                policy.maxBackoff()))
                        .circuitBreakerEnabled(false)
                        .build()));
        S3Presigner presigner = null;
        long presignSeconds = bucket.presignedRedirectSeconds();
        if (!endpoint.isEmpty()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        if (presignSeconds > 0) {
            var presign = S3Presigner.builder().region(region).credentialsProvider(credentials)
                    .serviceConfiguration(service);
            if (!endpoint.isEmpty()) {
                presign.endpointOverride(URI.create(endpoint));
            }
            presigner = presign.build();
        }
        return new S3BlobStore(builder.build(), bucket.bucket(), bucket.prefix(), def.pathTemplate(),
                staging, policy.partBytes(), presigner, Duration.ofSeconds(Math.max(presignSeconds, 1)));
    }
}

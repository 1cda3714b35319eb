package org.confer.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects {@code blobs/<sha256>} in one bucket of an S3-compatible store (AWS SDK for
 * Java v2 with the JDK's URL connection as its HTTP client: no Netty or Apache client in the jar).
 * Every node of a cluster reads and writes the same bucket.
 */
public final class S3BlobStore implements BlobStore {
    /** Generous for a 100 MiB object over a slow link; the SDK's default has no overall limit. */
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);
    private static final String PREFIX = "blobs/";

    private final S3Settings settings;
    private final S3Client s3;

    public S3BlobStore(S3Settings settings) {
        this.settings = settings;
        this.s3 = S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .forcePathStyle(true)
                // Checksums only where the S3 API requires them: the SDK's default (since 2.30) sends
                // trailing CRC checksums and asks for checksum headers on reads, which S3-compatible
                // stores such as S3Proxy and older MinIO/Ceph refuse. The object's SHA-256 is its name.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT))
                .build();
    }

    /** Creates the bucket when it does not exist yet (an operator usually makes it first). */
    @Override
    public void start() {
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
        } catch (NoSuchBucketException missing) {
            s3.createBucket(b -> b.bucket(settings.bucket()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(settings.bucket()));
        }
    }

    private static String key(String sha256) {
        return PREFIX + BlobStore.checked(sha256);
    }

    @Override
    public void put(String sha256, Path source) throws IOException {
        String key = key(sha256);
        try {
            s3.putObject(b -> b.bucket(settings.bucket()).key(key).contentType("application/octet-stream"),
                    RequestBody.fromFile(source));
        } catch (SdkException e) {
            throw new IOException("S3 put of a blob failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        String key = key(sha256);
        try {
            return s3.getObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(sha256);
        } catch (SdkException e) {
            throw new IOException("S3 get of a blob failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String sha256) throws IOException {
        String key = key(sha256);
        try {
            s3.headObject(b -> b.bucket(settings.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("S3 head of a blob failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("S3 head of a blob failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String sha256) throws IOException {
        String key = key(sha256);
        try {
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (SdkException e) {
            throw new IOException("S3 delete of a blob failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}

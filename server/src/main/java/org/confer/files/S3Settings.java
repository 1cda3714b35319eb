package org.confer.files;

import java.net.URI;

/**
 * An S3-compatible object store (CONFER_S3_*): endpoint, bucket, region and a static key pair.
 * Path-style addressing ({@code https://host/bucket/key}) is always used: MinIO, Ceph and most
 * on-premises stores need it, and AWS still accepts it.
 */
public record S3Settings(URI endpoint, String bucket, String region, String accessKey, String secretKey) {
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + "]";
    }
}

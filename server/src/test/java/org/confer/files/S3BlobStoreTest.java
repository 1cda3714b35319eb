package org.confer.files;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The S3 store against a real S3-compatible server started in this JVM: S3Proxy over jclouds'
 * in-memory ("transient") blob store, with AWS signature checking on. The store creates its
 * bucket at start, as it would on a fresh MinIO.
 */
class S3BlobStoreTest extends BlobStoreContract {
    private S3Proxy proxy;

    @Override
    BlobStore newStore() throws Exception {
        Properties props = new Properties();
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("confer", "confer-secret")
                .overrides(props).build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "confer", "confer-secret").build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equalsIgnoreCase(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return new S3BlobStore(new S3Settings(URI.create("http://127.0.0.1:" + proxy.getPort()), "confer-files", "us-east-1",
                "confer", "confer-secret"));
    }

    @Override
    void stopServer() throws Exception {
        proxy.stop();
    }
}

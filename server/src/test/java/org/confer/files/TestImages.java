package org.confer.files;

/** Images for tests of other packages (the security sweeps): a real PNG made in code. */
public final class TestImages {
    private TestImages() {}

    public static byte[] png(int width, int height) {
        return Samples.image("png", width, height);
    }
}

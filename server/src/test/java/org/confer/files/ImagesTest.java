package org.confer.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image limits read from headers, thumbnails, and location stripped from photos. */
class ImagesTest {
    @TempDir
    Path tmp;

    private Path file(byte[] bytes) throws Exception {
        Path f = Files.createTempFile(tmp, "i", ".bin");
        Files.write(f, bytes);
        return f;
    }

    @Test
    void sizes_come_from_the_header_of_each_format() throws Exception {
        assertThat(Images.header(file(Samples.image("png", 640, 480)), Sniffer.PNG, 1000)).isEqualTo(new Images.Header(640, 480, 1));
        assertThat(Images.header(file(Samples.image("jpeg", 641, 481)), Sniffer.JPEG, 1000)).isEqualTo(new Images.Header(641, 481, 1));
        assertThat(Images.header(file(Samples.image("gif", 33, 17)), Sniffer.GIF, 1000)).isEqualTo(new Images.Header(33, 17, 1));
    }

    @Test
    void a_decompression_bomb_is_measured_without_being_decoded() throws Exception {
        Images.Header h = Images.header(file(Samples.pngBomb()), Sniffer.PNG, 1000);
        assertThat(h.pixels()).isEqualTo(10_000_000_000L);
    }

    @Test
    void a_thumbnail_fits_in_320_pixels_and_keeps_the_aspect() throws Exception {
        Path f = file(Samples.image("png", 1600, 800));
        Images.Thumbnail t = Images.thumbnail(f, Sniffer.PNG, Images.header(f, Sniffer.PNG, 10)).orElseThrow();
        var img = ImageIO.read(new java.io.ByteArrayInputStream(t.bytes()));
        assertThat(img.getWidth()).isEqualTo(320);
        assertThat(img.getHeight()).isEqualTo(160);
    }

    @Test
    void a_photo_loses_its_location_and_keeps_its_orientation() throws Exception {
        byte[] photo = Samples.photoWithLocation();
        assertThat(new String(photo, StandardCharsets.ISO_8859_1)).contains(Samples.GPS_MARKER).contains("GPSLatitude");
        Path clean = tmp.resolve("clean.jpg");
        assertThat(Images.stripJpegMetadata(file(photo), clean)).isTrue();
        byte[] out = Files.readAllBytes(clean);
        String text = new String(out, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(Samples.GPS_MARKER).doesNotContain("GPSLatitude").doesNotContain("ns.adobe.com");
        int exif = text.indexOf("Exif\0\0");
        assertThat(exif).isPositive();
        assertThat(Images.orientation(java.util.Arrays.copyOfRange(out, exif, out.length))).isEqualTo(6);
        assertThat(ImageIO.read(clean.toFile()).getWidth()).isEqualTo(400); // still a whole picture
    }
}

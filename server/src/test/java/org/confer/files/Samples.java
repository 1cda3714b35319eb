package org.confer.files;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Files for the tests, made in code: real images, a photo with GPS in its Exif, bombs and polyglots. */
final class Samples {
    private Samples() {}

    static byte[] image(String format, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(Color.BLUE);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static final String GPS_MARKER = "GPSLatitudeRef-N-51.5";

    /**
     * A JPEG photo with an Exif segment holding Orientation = 6 (rotate 90°) and a GPS IFD, and
     * an XMP packet naming a place: what a phone camera writes.
     */
    static byte[] photoWithLocation() {
        byte[] jpeg = image("jpeg", 400, 300);
        // Exif, big-endian: IFD0 with Orientation (0x0112) and GPSInfo (0x8825) pointing at a GPS IFD
        // with GPSLatitudeRef (0x0001) = "N"; the marker text is put in an ASCII tag so a test can look for it.
        ByteBuffer b = ByteBuffer.allocate(200);
        b.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        int tiff = b.position();
        b.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        b.putShort((short) 2);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0);
        b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(38);
        b.putInt(0);
        // GPS IFD at offset 38: GPSLatitudeRef "N" and a GPSAreaInformation-like ASCII tag with the marker.
        b.putShort((short) 2);
        b.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        byte[] marker = (GPS_MARKER + "\0").getBytes(StandardCharsets.US_ASCII);
        b.putShort((short) 0x001c).putShort((short) 2).putInt(marker.length).putInt(38 + 2 + 24 + 4);
        b.putInt(0);
        b.put(marker);
        int exifLength = b.position();
        byte[] exif = new byte[exifLength];
        b.flip();
        b.get(exif);
        assert tiff == 6;
        byte[] xmp = ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>51,30.0N</exif:GPSLatitude></x:xmpmeta>")
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        segment(out, 0xe1, exif);
        segment(out, 0xe1, xmp);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        out.write(0xff);
        out.write(marker);
        int length = payload.length + 2;
        out.write(length >> 8);
        out.write(length & 0xff);
        out.write(payload, 0, payload.length);
    }

    /** A PNG of a few hundred bytes whose header claims 100,000 × 100,000 pixels (10 gigapixels). */
    static byte[] pngBomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0xda, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A real GIF that also carries HTML and script in a comment extension: a GIF/HTML polyglot. */
    static byte[] gifPolyglot() {
        byte[] gif = image("gif", 16, 16);
        byte[] html = "<html><body><script>alert(document.cookie)</script></body></html>".getBytes(StandardCharsets.US_ASCII);
        // Insert a comment extension (0x21 0xFE, sub-blocks) just before the trailer.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(gif, 0, gif.length - 1);
        out.write(0x21);
        out.write(0xfe);
        out.write(html.length);
        out.write(html, 0, html.length);
        out.write(0);
        out.write(0x3b);
        return out.toByteArray();
    }

    static byte[] docx() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<w:document/>".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

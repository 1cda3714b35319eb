package org.confer.files;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Images, safely: the size and frame count read from the header by hand before anything is
 * decoded (so a decompression bomb — a few KiB that claim 100,000 × 100,000 pixels — is refused
 * unread), thumbnails decoded with subsampling (memory bounded by the thumbnail, not the photo),
 * and location taken out of JPEG photos (docs/files.md, "Images").
 */
public final class Images {
    /** The contract's thumbnail: longest side at most 320 px (sharp on a 2× screen at 160 px). */
    public static final int THUMBNAIL_SIDE = 320;

    /** What an image's header says. */
    public record Header(int width, int height, int frames) {
        long pixels() {
            return (long) width * height;
        }
    }

    /** The header could not be read: the file is not the image its magic bytes promised. */
    public static final class Unreadable extends IOException {
        Unreadable(String what) {
            super(what);
        }
    }

    private Images() {}

    /** Reads the header of an image of the sniffed type; stops counting frames after {@code maxFrames}. */
    public static Header header(Path file, String type, int maxFrames) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 65536))) {
            return switch (type) {
                case Sniffer.PNG -> png(in);
                case Sniffer.JPEG -> jpeg(in);
                case Sniffer.GIF -> gif(in, maxFrames);
                case Sniffer.WEBP -> webp(in, maxFrames);
                default -> throw new IllegalArgumentException("not an image type: " + type);
            };
        } catch (EOFException e) {
            throw new Unreadable("the image ends inside its header");
        }
    }

    static Header png(DataInputStream in) throws IOException {
        in.skipNBytes(8);
        int length = in.readInt();
        if (length != 13 || in.readInt() != 0x49484452) { // IHDR
            throw new Unreadable("PNG without IHDR first");
        }
        int width = in.readInt();
        int height = in.readInt();
        in.skipNBytes(5 + 4); // depth, colour type, compression, filter, interlace; CRC
        int frames = 1;
        // An animated PNG says how many frames it has in acTL, before the first IDAT.
        while (true) {
            int len = in.readInt();
            int chunk = in.readInt();
            if (chunk == 0x49444154 || chunk == 0x49454e44) { // IDAT, IEND
                break;
            }
            if (chunk == 0x6163544c && len >= 8) { // acTL
                frames = in.readInt();
                in.skipNBytes(len - 4 + 4L);
                continue;
            }
            if (len < 0) {
                throw new Unreadable("PNG chunk of negative length");
            }
            in.skipNBytes(len + 4L);
        }
        return checked(width, height, frames);
    }

    static Header jpeg(DataInputStream in) throws IOException {
        in.skipNBytes(2);
        while (true) {
            int b = in.readUnsignedByte();
            if (b != 0xff) {
                throw new Unreadable("JPEG marker expected");
            }
            int marker = in.readUnsignedByte();
            while (marker == 0xff) {
                marker = in.readUnsignedByte();
            }
            if (marker == 0xd8 || marker >= 0xd0 && marker <= 0xd7 || marker == 0x01) {
                continue;
            }
            if (marker == 0xd9 || marker == 0xda) {
                throw new Unreadable("JPEG without a frame header");
            }
            int length = in.readUnsignedShort();
            boolean sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (sof) {
                in.readUnsignedByte(); // precision
                int height = in.readUnsignedShort();
                int width = in.readUnsignedShort();
                return checked(width, height, 1);
            }
            in.skipNBytes(length - 2L);
        }
    }

    static Header gif(DataInputStream in, int maxFrames) throws IOException {
        in.skipNBytes(6);
        int width = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
        int height = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
        int flags = in.readUnsignedByte();
        in.skipNBytes(2);
        if ((flags & 0x80) != 0) {
            in.skipNBytes(3L * (1 << ((flags & 7) + 1)));
        }
        int frames = 0;
        int maxFrameWidth = width;
        int maxFrameHeight = height;
        while (frames <= maxFrames) {
            int block = in.read();
            if (block == 0x3b || block < 0) {
                break;
            } else if (block == 0x21) {
                in.readUnsignedByte();
                skipSubBlocks(in);
            } else if (block == 0x2c) {
                in.skipNBytes(4);
                // A frame may claim more than the logical screen: each frame is held to the limit too.
                maxFrameWidth = Math.max(maxFrameWidth, Short.toUnsignedInt(Short.reverseBytes(in.readShort())));
                maxFrameHeight = Math.max(maxFrameHeight, Short.toUnsignedInt(Short.reverseBytes(in.readShort())));
                int f = in.readUnsignedByte();
                if ((f & 0x80) != 0) {
                    in.skipNBytes(3L * (1 << ((f & 7) + 1)));
                }
                in.readUnsignedByte(); // LZW minimum code size
                skipSubBlocks(in);
                frames++;
            } else {
                throw new Unreadable("GIF block " + block + " is not known");
            }
        }
        return checked(maxFrameWidth, maxFrameHeight, Math.max(frames, 1));
    }

    private static void skipSubBlocks(DataInputStream in) throws IOException {
        int size;
        while ((size = in.readUnsignedByte()) != 0) {
            in.skipNBytes(size);
        }
    }

    static Header webp(DataInputStream in, int maxFrames) throws IOException {
        in.skipNBytes(12);
        int width = 0;
        int height = 0;
        int frames = 0;
        while (frames <= maxFrames) {
            byte[] fourcc = new byte[4];
            if (in.readNBytes(fourcc, 0, 4) < 4) {
                break;
            }
            long size = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            String name = new String(fourcc, java.nio.charset.StandardCharsets.US_ASCII);
            byte[] data = in.readNBytes((int) Math.min(size, 30));
            in.skipNBytes(size - data.length + (size & 1));
            switch (name) {
                case "VP8X" -> {
                    width = 1 + (data[4] & 0xff | (data[5] & 0xff) << 8 | (data[6] & 0xff) << 16);
                    height = 1 + (data[7] & 0xff | (data[8] & 0xff) << 8 | (data[9] & 0xff) << 16);
                }
                case "VP8 " -> {
                    if (width == 0) {
                        width = (data[6] & 0xff | (data[7] & 0xff) << 8) & 0x3fff;
                        height = (data[8] & 0xff | (data[9] & 0xff) << 8) & 0x3fff;
                    }
                    frames = Math.max(frames, 1);
                }
                case "VP8L" -> {
                    if (width == 0) {
                        int bits = data[1] & 0xff | (data[2] & 0xff) << 8 | (data[3] & 0xff) << 16 | (data[4] & 0xff) << 24;
                        width = 1 + (bits & 0x3fff);
                        height = 1 + (bits >>> 14 & 0x3fff);
                    }
                    frames = Math.max(frames, 1);
                }
                case "ANMF" -> frames++;
                default -> { }
            }
        }
        if (width == 0) {
            throw new Unreadable("WebP without a size");
        }
        return checked(width, height, Math.max(frames, 1));
    }

    private static Header checked(int width, int height, int frames) throws Unreadable {
        if (width <= 0 || height <= 0 || frames <= 0) {
            throw new Unreadable("an image of no size");
        }
        return new Header(width, height, frames);
    }

    /**
     * A thumbnail (JPEG, or PNG when the image may be transparent), longest side at most
     * {@link #THUMBNAIL_SIDE}; empty when Java has no reader for the type (WebP) or the image does
     * not decode. Decoding subsamples rows and columns, so memory follows the thumbnail's size.
     */
    public static Optional<Thumbnail> thumbnail(Path file, String type, Header header) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
        if (!readers.hasNext()) {
            return Optional.empty();
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in, true, true);
            int longest = Math.max(header.width(), header.height());
            int step = Math.max(1, longest / (THUMBNAIL_SIDE * 2));
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage source = reader.read(0, param);
            boolean alpha = source.getColorModel().hasAlpha() && !type.equals(Sniffer.JPEG);
            double scale = Math.min(1.0, (double) THUMBNAIL_SIDE / Math.max(source.getWidth(), source.getHeight()));
            int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
            BufferedImage out = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                if (!alpha) {
                    g.setColor(Color.WHITE);
                    g.fillRect(0, 0, w, h);
                }
                g.drawImage(source, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            String format = alpha ? "png" : "jpeg";
            if (!ImageIO.write(out, format, bytes)) {
                return Optional.empty();
            }
            return Optional.of(new Thumbnail(bytes.toByteArray(), alpha ? Sniffer.PNG : Sniffer.JPEG));
        } catch (IOException | RuntimeException undecodable) {
            // CMYK JPEGs, truncated files: the file is kept (it is served safely), without a thumbnail.
            return Optional.empty();
        } finally {
            reader.dispose();
        }
    }

    public record Thumbnail(byte[] bytes, String contentType) {}

    /**
     * Copies a JPEG without the metadata that can say where it was taken: the Exif segment (GPS
     * and the rest), XMP and Photoshop's IRB (IPTC). The orientation is kept, in a new minimal Exif
     * segment, so the photo still shows the right way up. The image data is copied byte for byte
     * (no re-encoding, no loss). Returns whether anything was removed.
     */
    public static boolean stripJpegMetadata(Path source, Path target) throws IOException {
        boolean removed = false;
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(source), 65536));
             java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(target), 65536)) {
            out.write(in.readNBytes(2)); // SOI
            while (true) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                if (b != 0xff) {
                    throw new Unreadable("JPEG marker expected");
                }
                int marker = in.readUnsignedByte();
                if (marker == 0xda || marker == 0xd9 || marker == 0xff || marker >= 0xd0 && marker <= 0xd7 || marker == 0x01) {
                    out.write(0xff);
                    out.write(marker);
                    if (marker == 0xda || marker == 0xd9) {
                        in.transferTo(out); // the scan and everything after it, unchanged
                        break;
                    }
                    continue;
                }
                int length = in.readUnsignedShort();
                byte[] payload = in.readNBytes(length - 2);
                if (payload.length < length - 2) {
                    throw new Unreadable("JPEG segment cut short");
                }
                if (marker == 0xe1 && startsWith(payload, "Exif\0\0")) {
                    removed = true;
                    Integer orientation = orientation(payload);
                    if (orientation != null) {
                        out.write(minimalExif(orientation));
                    }
                    continue;
                }
                if (marker == 0xe1 && (startsWith(payload, "http://ns.adobe.com/xap/1.0/")
                        || startsWith(payload, "http://ns.adobe.com/xmp/extension/")) || marker == 0xed) {
                    removed = true;
                    continue;
                }
                out.write(0xff);
                out.write(marker);
                out.write(length >> 8);
                out.write(length & 0xff);
                out.write(payload);
            }
        }
        return removed;
    }

    private static boolean startsWith(byte[] data, String prefix) {
        byte[] p = prefix.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return data.length >= p.length && java.util.Arrays.equals(data, 0, p.length, p, 0, p.length);
    }

    /** The Orientation tag (0x0112) of IFD0, or null. */
    static Integer orientation(byte[] exif) {
        int t = 6;
        if (exif.length < t + 8) {
            return null;
        }
        boolean little = exif[t] == 'I';
        int ifd = t + read(exif, t + 4, 4, little);
        if (ifd < t || ifd + 2 > exif.length) {
            return null;
        }
        int count = read(exif, ifd, 2, little);
        for (int i = 0; i < count; i++) {
            int e = ifd + 2 + i * 12;
            if (e + 12 > exif.length) {
                return null;
            }
            if (read(exif, e, 2, little) == 0x0112) {
                int value = read(exif, e + 8, 2, little);
                return value >= 1 && value <= 8 ? value : null;
            }
        }
        return null;
    }

    private static int read(byte[] b, int at, int n, boolean little) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int x = b[at + (little ? n - 1 - i : i)] & 0xff;
            v = v << 8 | x;
        }
        return v;
    }

    /** An APP1 Exif segment holding only IFD0 with the Orientation tag. */
    static byte[] minimalExif(int orientation) {
        byte[] payload = {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1,
                0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        int length = payload.length + 2;
        byte[] segment = new byte[payload.length + 4];
        segment[0] = (byte) 0xff;
        segment[1] = (byte) 0xe1;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        System.arraycopy(payload, 0, segment, 4, payload.length);
        return segment;
    }

    /** Reads the whole stream (for tests and small thumbnails). */
    static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }
}

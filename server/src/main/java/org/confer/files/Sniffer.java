package org.confer.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The type of a file, decided from its content's magic bytes alone: never from its name or the
 * type the client declared (docs/files.md, "Types allowed"). Anything not on the allow-list is
 * refused, and so is anything a browser could take for markup or script: SVG, HTML, XML, and
 * text that starts like a page. Executables have no entry and are refused with the rest.
 */
public final class Sniffer {
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String GIF = "image/gif";
    public static final String WEBP = "image/webp";
    public static final String PDF = "application/pdf";
    public static final String TEXT = "text/plain";
    public static final String CSV = "text/csv";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public static final String ODT = "application/vnd.oasis.opendocument.text";
    public static final String ODS = "application/vnd.oasis.opendocument.spreadsheet";
    public static final String ODP = "application/vnd.oasis.opendocument.presentation";
    /** Legacy Word, Excel and PowerPoint share one container (OLE2); which one it is needs its directory. */
    public static final String OLE = "application/vnd.ms-office";
    public static final String DICOM = "application/dicom";

    /** Bytes read to decide: a text file is judged on its first 64 KiB (the rest is not shown inline anyway). */
    static final int HEAD_BYTES = 64 * 1024;
    /** Entries looked at in a ZIP container: an OOXML document names its parts early; a zip of thousands is not a document. */
    static final int MAX_ZIP_ENTRIES = 5_000;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] OLE_MAGIC = {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, (byte) 0xa1, (byte) 0xb1, 0x1a, (byte) 0xe1};
    /**
     * What browsers look for when they sniff HTML (WHATWG MIME Sniffing, "rules for identifying an
     * unknown MIME type"), plus SVG and XML: text starting with any of these is refused outright.
     */
    private static final String[] MARKUP = {"<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font",
            "<table", "<a", "<style", "<title", "<b", "<body", "<br", "<p", "<!--", "<?xml", "<svg", "<xml"};

    private Sniffer() {}

    public static boolean isImage(String type) {
        return type.equals(PNG) || type.equals(JPEG) || type.equals(GIF) || type.equals(WEBP);
    }

    /** Shown in the browser (images and PDF); everything else is only ever downloaded. */
    public static boolean isInline(String type) {
        return isImage(type) || type.equals(PDF);
    }

    /** The allowed type of the file's content, or empty when it is not allowed. */
    public static Optional<String> sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        long size = Files.size(file);
        if (startsWith(head, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) {
            return Optional.of(GIF);
        }
        if (head.length >= 12 && startsWith(head, ascii("RIFF")) && Arrays.equals(head, 8, 12, ascii("WEBP"), 0, 4)) {
            return Optional.of(WEBP);
        }
        // At offset 0 only: browsers accept "%PDF-" anywhere in the first KiB, which is how a PDF
        // with an HTML head is made; such a file is refused here (it is neither PDF nor plain text).
        if (startsWith(head, ascii("%PDF-"))) {
            return Optional.of(PDF);
        }
        if (startsWith(head, OLE_MAGIC)) {
            return Optional.of(OLE);
        }
        if (head.length >= 132 && Arrays.equals(head, 128, 132, ascii("DICM"), 0, 4)) {
            return Optional.of(DICOM);
        }
        if (startsWith(head, new byte[] {'P', 'K', 3, 4})) {
            return zipDocument(file);
        }
        return text(head, size);
    }

    /** OOXML (a [Content_Types].xml and a word/, xl/ or ppt/ part) or OpenDocument (its first entry, "mimetype"). */
    static Optional<String> zipDocument(Path file) throws IOException {
        boolean contentTypes = false;
        String part = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e;
            int n = 0;
            while ((e = zip.getNextEntry()) != null && n++ < MAX_ZIP_ENTRIES) {
                String name = e.getName();
                if (n == 1 && name.equals("mimetype")) {
                    // Stored uncompressed by the OpenDocument specification; a few dozen bytes.
                    String mime = new String(zip.readNBytes(100), StandardCharsets.US_ASCII).trim();
                    return switch (mime) {
                        case ODT, ODS, ODP -> Optional.of(mime);
                        default -> Optional.empty();
                    };
                }
                if (name.equals("[Content_Types].xml")) {
                    contentTypes = true;
                } else if (part == null && name.startsWith("word/")) {
                    part = DOCX;
                } else if (part == null && name.startsWith("xl/")) {
                    part = XLSX;
                } else if (part == null && name.startsWith("ppt/")) {
                    part = PPTX;
                }
                if (contentTypes && part != null) {
                    return Optional.of(part);
                }
            }
        } catch (IOException | IllegalArgumentException malformed) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * UTF-8 text without control characters (tab, line breaks and form feed aside) and without a
     * start a browser would read as markup; CSV when its first lines have the same number of commas.
     * A script with a {@code #!} line is refused: text is for notes and exports, not programs.
     */
    static Optional<String> text(byte[] head, long size) {
        int from = startsWith(head, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}) ? 3 : 0;
        int length = head.length;
        if (size > head.length) {
            // The head may end inside a multi-byte character: judge only whole characters.
            while (length > from && (head[length - 1] & 0xc0) == 0x80) {
                length--;
            }
            if (length > from && (head[length - 1] & 0xc0) == 0xc0) {
                length--;
            }
        }
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head, from, length - from)).toString();
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
        if (s.isEmpty() || s.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f)) {
            return Optional.empty();
        }
        String start = s.stripLeading().toLowerCase(Locale.ROOT);
        if (start.startsWith("#!") || start.startsWith("<")) {
            return Optional.empty();
        }
        for (String tag : MARKUP) {
            // Anywhere near the start (a page behind a line of text is still sniffed as HTML by old browsers).
            if (isTagAt(start, tag)) {
                return Optional.empty();
            }
        }
        return Optional.of(looksLikeCsv(s) ? CSV : TEXT);
    }

    /** {@code tag} followed by a space, '>' or '/' within the first KiB (so "<a" does not match "<apple"). */
    private static boolean isTagAt(String text, String tag) {
        String window = text.substring(0, Math.min(text.length(), 1024));
        int i = window.indexOf(tag);
        while (i >= 0) {
            int end = i + tag.length();
            if (tag.equals("<!--") || tag.equals("<?xml") || end >= window.length()
                    || " \t\n\r\f>/".indexOf(window.charAt(end)) >= 0) {
                return true;
            }
            i = window.indexOf(tag, i + 1);
        }
        return false;
    }

    /** At least two lines among the first five, each with the same number (one or more) of commas. */
    private static boolean looksLikeCsv(String s) {
        String[] all = s.split("\r?\n", 7);
        // The sixth piece may be cut off by the head's end; only whole lines before it count.
        java.util.List<String> lines = java.util.Arrays.stream(all).limit(Math.min(all.length, 5)).filter(l -> !l.isEmpty()).toList();
        if (lines.size() < 2) {
            return false;
        }
        long commas = lines.getFirst().chars().filter(c -> c == ',').count();
        return commas > 0 && lines.stream().allMatch(l -> l.chars().filter(c -> c == ',').count() == commas);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}

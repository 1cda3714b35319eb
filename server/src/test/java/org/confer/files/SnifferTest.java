package org.confer.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allow-list decided from content alone (docs/files.md, "Types allowed"). */
class SnifferTest {
    @TempDir
    Path tmp;

    private Optional<String> sniff(byte[] bytes) throws IOException {
        Path f = Files.createTempFile(tmp, "f", ".png"); // the name says PNG; it must not matter
        Files.write(f, bytes);
        return Sniffer.sniff(f);
    }

    @Test
    void real_images_are_known_by_their_magic_bytes() throws IOException {
        assertThat(sniff(Samples.image("png", 4, 4))).contains(Sniffer.PNG);
        assertThat(sniff(Samples.image("jpeg", 4, 4))).contains(Sniffer.JPEG);
        assertThat(sniff(Samples.image("gif", 4, 4))).contains(Sniffer.GIF);
        assertThat(sniff(Samples.ascii("RIFF\0\0\0\0WEBPVP8 "))).contains(Sniffer.WEBP);
    }

    @Test
    void documents_are_known_by_their_containers() throws IOException {
        assertThat(sniff(Samples.ascii("%PDF-1.7\n1 0 obj\n"))).contains(Sniffer.PDF);
        assertThat(sniff(Samples.docx())).contains(Sniffer.DOCX);
        assertThat(sniff(Samples.ascii("Patient,Bed,K+\nA,14,6.1\nB,15,4.2\n"))).contains(Sniffer.CSV);
        assertThat(sniff(Samples.ascii("Bed 14: K+ 6.1, repeat at 14:00\n"))).contains(Sniffer.TEXT);
    }

    @Test
    void html_svg_and_script_are_refused_whatever_they_are_called() throws IOException {
        assertThat(sniff(Samples.ascii("<!DOCTYPE html><html><script>alert(1)</script></html>"))).isEmpty();
        assertThat(sniff(Samples.ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"))).isEmpty();
        assertThat(sniff(Samples.ascii("<?xml version=\"1.0\"?><svg/>"))).isEmpty();
        assertThat(sniff(Samples.ascii("   \n  <script>alert(1)</script>"))).isEmpty();
        assertThat(sniff(Samples.ascii("notes\n<iframe src=x></iframe>"))).isEmpty();
        assertThat(sniff(Samples.ascii("#!/bin/sh\nrm -rf /\n"))).isEmpty();
    }

    @Test
    void a_pdf_with_an_html_head_is_neither_pdf_nor_text() throws IOException {
        assertThat(sniff(Samples.ascii("<html><body><script>alert(1)</script></body></html>\n%PDF-1.4\n"))).isEmpty();
    }

    @Test
    void executables_and_other_binaries_are_refused() throws IOException {
        assertThat(sniff(new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0})).isEmpty();
        assertThat(sniff(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0})).isEmpty();
        assertThat(sniff(new byte[] {'P', 'K', 3, 4, 0, 0})).isEmpty(); // a zip that is no document
    }
}

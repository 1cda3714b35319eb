package org.confer.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.AriaRole;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.confer.testing.Axe;
import org.confer.testing.Browser;
import org.confer.testing.BrowserTest;
import org.confer.testing.ChatFixtures;
import org.confer.testing.ChatFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 in real Chromium: Alice pastes a photo into a group chat and sends it with a line of
 * text; Bob sees the thumbnail, opens the viewer and closes it with Escape; Bob's search (Ctrl+K)
 * finds the message by its text and opens the conversation at it; the conversation's Files panel
 * lists the picture. Screenshots at 1280, 768 and 390 px; axe on each screen.
 */
class SearchAndFilesBrowserTest extends BrowserTest {
    private ChatFixtures fixtures;
    private Person alice;
    private Person bob;
    private Person fatima;

    @BeforeAll
    void people() {
        fixtures = new ChatFixtures(server);
        alice = fixtures.demo("alice");
        bob = fixtures.demo("bob");
        fatima = fixtures.demo("fatima");
    }

    /** A small PNG drawn here, so the test needs no file on disk. */
    private static String pngBase64() {
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x00594f));
        g.fillRect(0, 0, 160, 120);
        g.setColor(Color.WHITE);
        g.drawLine(0, 60, 160, 60);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** What a paste of a copied picture delivers to the composer: a file on the clipboard and no text. */
    private static void pastePicture(Page page, String base64) {
        page.locator("#composer-text").focus();
        page.evaluate("""
                ([b64]) => {
                  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
                  const data = new DataTransfer();
                  data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
                  document.getElementById('composer-text')
                    .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
                }""", List.of(base64));
    }

    private static void open(Page page, String topic) {
        page.locator(".conversation-list button.conversation").filter(new Locator.FilterOptions().setHasText(topic)).click();
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(topic).setLevel(1)).waitFor();
    }

    private static Locator dialog(Page page, String name) {
        return page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(name));
    }

    @Test
    void a_pasted_photo_reaches_the_other_side_opens_in_the_viewer_and_its_message_is_found_by_search() {
        String topic = "Bay 3 handover";
        fixtures.namedGroup(alice, topic, bob, fatima);
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext bobContext = browser.newContext()) {
            Page a = signedIn(aliceContext, "alice");
            open(a, topic);
            pastePicture(a, pngBase64());
            Locator chip = a.locator(".upload-chip");
            chip.getByText("Ready to send").waitFor();
            a.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("files-composer-chip-1280.png")));
            Axe.assertNoSeriousViolations(a, "the composer with a file chip");
            Locator composer = a.locator("#composer-text");
            composer.fill("ECG for bed 14 after the potassium");
            composer.press("Enter");
            a.locator(".message-list .file-thumb img").waitFor();
            assertThat(chip).hasCount(0);

            Page b = signedIn(bobContext, "bob");
            open(b, topic);
            Locator thumb = b.locator(".message-list .file-thumb");
            thumb.waitFor();
            b.waitForFunction("() => { const i = document.querySelector('.message-list .file-thumb img'); return !!i && i.complete && i.naturalWidth > 0; }");
            b.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("files-message-1280.png")));
            Axe.assertNoSeriousViolations(b, "a message with a picture");

            thumb.click();
            Locator viewer = b.locator("dialog.file-viewer");
            viewer.waitFor();
            b.waitForFunction("() => { const i = document.querySelector('dialog.file-viewer .viewer-body img'); return !!i && i.complete && i.naturalWidth > 0; }");
            b.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("files-viewer-1280.png")));
            Axe.assertNoSeriousViolations(b, "the picture viewer");
            b.keyboard().press("Escape");
            assertThat(viewer).isHidden();
            assertThat(thumb).isFocused();

            // The conversation's Files panel lists the pasted picture.
            b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Files").setExact(true)).click();
            Locator files = dialog(b, "Files in " + topic);
            files.getByText(Pattern.compile("^Pasted image .*\\.png$")).waitFor();
            Axe.assertNoSeriousViolations(b, "the Files panel");
            b.keyboard().press("Escape");
            assertThat(files).isHidden();

            // Search finds the message by its text (indexing runs after commit: ask again until it is there).
            b.locator("body").press("Control+k");
            Locator search = dialog(b, "Search");
            Locator box = search.getByRole(AriaRole.COMBOBOX, new Locator.GetByRoleOptions().setName("Search messages, people, channels, teams and files"));
            Locator hit = search.getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName(Pattern.compile("ECG for bed 14")));
            for (int i = 0; i < 20 && hit.count() == 0; i++) {
                box.fill("");
                box.fill("ECG potassium");
                try {
                    hit.waitFor(new Locator.WaitForOptions().setTimeout(500));
                } catch (TimeoutError notYet) {
                    // not indexed yet: the next round asks again
                }
            }
            hit.waitFor();
            assertThat(hit.locator("mark").first()).hasText(Pattern.compile("ECG|potassium", Pattern.CASE_INSENSITIVE));
            b.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("search-results-1280.png")));
            Axe.assertNoSeriousViolations(b, "the search results");
            b.setViewportSize(768, 1024);
            b.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("search-results-768.png")));
            b.setViewportSize(390, 844);
            b.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("search-results-390.png")));
            Axe.assertNoSeriousViolations(b, "the search results on a phone");
            b.setViewportSize(1280, 800);

            box.press("ArrowDown");
            box.press("Enter");
            assertThat(search).isHidden();
            assertThat(b.locator(".message-list li.message.linked")).containsText("ECG for bed 14");

            b.setViewportSize(768, 1024);
            b.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("files-message-768.png")));
            b.setViewportSize(390, 844);
            b.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("files-message-390.png")));
            Axe.assertNoSeriousViolations(b, "a message with a picture on a phone");
        }
    }
}

package org.confer.testing;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;

/** Small ways of finding and recording things on a page, shared by the browser tests. */
public final class Pages {
    private Pages() {}

    /** A button by its accessible name: exactly this text, or matching this pattern. */
    public static Locator button(Locator scope, Object name) {
        Locator.GetByRoleOptions o = new Locator.GetByRoleOptions();
        if (name instanceof Pattern p) {
            o.setName(p);
        } else {
            o.setName((String) name).setExact(true);
        }
        return scope.getByRole(AriaRole.BUTTON, o);
    }

    public static Locator button(Page page, Object name) {
        return button(page.locator("body"), name);
    }

    /** A screenshot for people to look at, in server/target/screenshots. */
    public static void shot(Page page, String file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve(file)));
    }

    /**
     * Opens the conversation whose list entry starts with {@code name} and waits for its header.
     * The name must hold no regex characters (Playwright's patterns cannot take \Q…\E).
     */
    public static void openConversation(Page page, String name) {
        button(page, Pattern.compile("^" + name)).click();
        page.locator(".pane-head h1").getByText(name).waitFor();
    }
}

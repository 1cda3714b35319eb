package org.confer.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.confer.testing.Api.Response;
import org.confer.testing.ServerTest;
import org.junit.jupiter.api.Test;

/**
 * The public visit pages are served as HTML at their paths (docs/virtual-visits.md), revalidated
 * on each load, under the same strict headers as the app; paths next to them stay not found.
 */
class PublicPagesTest extends ServerTest {

    @Test
    void the_booking_manage_and_join_pages_are_html_revalidated_on_every_load_with_the_strict_policy() {
        for (String[] page : new String[][] {{"/book/ward-7", "/assets/book-"}, {"/visit/manage", "/assets/manage-"},
                {"/visit/join", "/assets/join-"}}) {
            Response r = api.get(page[0], null);

            assertThat(r.status()).as(page[0] + " " + r).isEqualTo(200);
            assertThat(r.contentType()).startsWith("text/html");
            assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'");
            assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(r.body()).as("the page's own bundle, not the app's").contains(page[1]).doesNotContain("id=\"root\"");
            assertThat(r.body()).as("nothing inline for the CSP to block").doesNotContain("<script>").doesNotContain("<style");
        }
    }

    @Test
    void any_slug_gets_the_page_which_itself_says_when_the_calendar_does_not_exist() {
        assertThat(api.get("/book/no-such-ward", null).status()).isEqualTo(200);
    }

    @Test
    void paths_beside_the_pages_are_still_not_found_as_problems() {
        for (String path : new String[] {"/book", "/book/", "/book/ward-7/extra", "/visit", "/visit/other", "/visit/manage/x"}) {
            Response r = api.get(path, null);

            assertThat(r.status()).as(path + " " + r).isEqualTo(404);
            assertThat(r.contentType()).as(path).startsWith("application/problem+json");
        }
    }

    @Test
    void the_web_app_is_still_served_at_the_root() {
        Response r = api.get("/", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("<div id=\"root\">");
    }
}

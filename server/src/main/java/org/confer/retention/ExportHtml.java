package org.confer.retention;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The readable half of a compliance export: one HTML page. Every string that a person, an import
 * or a file name could have written is escaped, never rendered as markup; the page has no script,
 * and its own Content-Security-Policy forbids any (docs/retention.md).
 */
final class ExportHtml {
    private final Writer out;

    ExportHtml(Writer out) {
        this.out = out;
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    void start(String title, String exportedAt, String exportedBy) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'none'\">"
                + "<title>" + escape(title) + "</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;"
                + "padding:0 1rem}article{border-top:1px solid #ccc;padding:.5rem 0}pre{white-space:pre-wrap;font:inherit;margin:.25rem 0}"
                + ".meta{color:#444;font-size:13px}.gone{color:#666;font-style:italic}</style></head><body>\n");
        out.write("<h1>" + escape(title) + "</h1>\n<p class=\"meta\">Exported " + escape(exportedAt) + " by " + escape(exportedBy)
                + ". Times are UTC. The same content, with every field, is in export.json.</p>\n");
    }

    void people(String heading, List<ExportStore.Person> people) throws IOException {
        out.write("<h2>" + escape(heading) + "</h2>\n<ul>\n");
        for (ExportStore.Person p : people) {
            out.write("<li>" + escape(p.displayName()) + " &lt;" + escape(p.email()) + "&gt;"
                    + (p.jobTitle() == null ? "" : ", " + escape(p.jobTitle())) + " <span class=\"meta\">" + p.id() + "</span></li>\n");
        }
        out.write("</ul>\n");
    }

    void conversations(List<ExportStore.Conversation> conversations) throws IOException {
        out.write("<h2>Conversations they are in</h2>\n<ul>\n");
        for (ExportStore.Conversation c : conversations) {
            out.write("<li>" + escape(c.name() == null ? "(" + c.kind() + ")" : c.name()) + " <span class=\"meta\">" + c.kind() + " "
                    + c.id() + "</span></li>\n");
        }
        out.write("</ul>\n<h2>Messages</h2>\n");
    }

    void heading(String text) throws IOException {
        out.write("<h2>" + escape(text) + "</h2>\n");
    }

    void message(ExportStore.Message m, ExportStore.Page page, Map<UUID, String> names, Map<UUID, String> filePaths) throws IOException {
        out.write("<article id=\"m-" + m.id() + "\"><div class=\"meta\"><strong>" + escape(m.authorName()) + "</strong> "
                + m.createdAt() + (m.urgent() ? " · URGENT" : "") + (m.editedAt() == null ? "" : " · edited " + m.editedAt())
                + " · conversation " + m.conversationId() + " · seq " + m.seq()
                + (m.threadRootId() == null ? "" : " · reply to " + m.threadRootId()) + "</div>\n");
        if (m.deletedAt() != null) {
            out.write("<p class=\"gone\">Deleted " + m.deletedAt() + ("deleted".equals(m.retained()) ? " under retention" : "") + "</p>\n");
        } else {
            out.write("<pre>" + escape(m.text()) + "</pre>\n");
        }
        List<ExportStore.Edit> edits = page.edits().getOrDefault(m.id(), List.of());
        if (!edits.isEmpty()) {
            out.write("<details><summary>Earlier texts (" + edits.size() + ")</summary><ol>\n");
            for (ExportStore.Edit e : edits) {
                out.write("<li><span class=\"meta\">replaced " + e.replacedAt() + " by " + escape(names.getOrDefault(e.replacedBy(),
                        String.valueOf(e.replacedBy()))) + "</span><pre>" + escape(e.text()) + "</pre></li>\n");
            }
            out.write("</ol></details>\n");
        }
        List<ExportStore.Reaction> reactions = page.reactions().getOrDefault(m.id(), List.of());
        if (!reactions.isEmpty()) {
            out.write("<p class=\"meta\">Reactions:");
            for (ExportStore.Reaction r : reactions) {
                out.write(" " + escape(r.emoji()) + " " + escape(names.getOrDefault(r.userId(), String.valueOf(r.userId()))) + ";");
            }
            out.write("</p>\n");
        }
        List<ExportStore.FileMeta> files = page.files().getOrDefault(m.id(), List.of());
        if (!files.isEmpty()) {
            out.write("<ul>\n");
            for (ExportStore.FileMeta f : files) {
                String path = filePaths.get(f.id());
                out.write("<li>" + (path == null ? escape(f.name()) : "<a href=\"" + escape(path) + "\">" + escape(f.name()) + "</a>")
                        + " <span class=\"meta\">" + escape(f.contentType()) + ", " + f.size() + " bytes, " + escape(f.status())
                        + "</span></li>\n");
            }
            out.write("</ul>\n");
        }
        out.write("</article>\n");
    }

    void end(int messages) throws IOException {
        out.write("<p class=\"meta\">" + messages + " messages.</p></body></html>\n");
        out.flush();
    }
}

package org.confer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confer.testing.Pages.button;
import static org.confer.testing.Pages.shot;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.confer.testing.BrowserTest;
import org.confer.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Teams and group chats in real Chromium, two people in two browser contexts. Alice (Northgate)
 * creates a team, finds Dan (Westmoor Pathology, another organisation) in the directory and adds
 * him, creates a private channel with him and posts; Dan sees the team, the channel and the
 * unread post arrive without reloading. Alice starts a group chat with Dan and Hannah, renames
 * it, and Dan sees the new name live; Dan leaves it and it leaves his list.
 */
class TeamsAndGroupsTest extends BrowserTest {
    private static final String TEAM = "Blood results liaison";
    private static final String CHANNEL = "Haemolysis review";
    private static final String GROUP = "Bed 4 results";

    private Page signIn(BrowserContext context, String localPart) {
        Page page = context.newPage();
        page.navigate(server.api.base() + "/");
        page.getByLabel("Email").fill(localPart + "@demo.confer.test");
        page.getByLabel("Password").fill(TestServer.DEMO_PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).waitFor();
        return page;
    }

    /** A person's name as shown in a member or people list (not the hidden text of its buttons). */
    private static Locator name(Locator scope, String name) {
        return scope.locator(".person-name").filter(new Locator.FilterOptions().setHasText(name));
    }

    private static Locator dialog(Page page) {
        return page.getByRole(AriaRole.DIALOG);
    }

    private static void section(Page page, String name) {
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Sections"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^" + name))).click();
    }

    private static void send(Page page, String text) {
        Locator composer = page.locator("#composer-text");
        composer.fill(text);
        composer.press("Enter");
    }

    private static Locator messages(Page page) {
        return page.locator("ol.message-list");
    }

    @Test
    void a_team_with_someone_from_another_organisation_a_private_channel_and_a_group_chat_all_arrive_live() {
        try (BrowserContext aliceContext = browser.newContext(); BrowserContext danContext = browser.newContext()) {
            Page alice = signIn(aliceContext, "alice");
            Page dan = signIn(danContext, "dan");
            try {
                scenario(alice, dan);
            } catch (RuntimeException | AssertionError e) {
                // What each person saw when it failed, to look at beside the error.
                shot(alice, "teams-failure-alice.png");
                shot(dan, "teams-failure-dan.png");
                throw e;
            }
        }
    }

    private void scenario(Page alice, Page dan) {
        section(dan, "Teams");
        dan.getByText("You are not in any team yet").waitFor();

        // Alice creates the team; its General channel opens.
        section(alice, "Teams");
        button(alice, "Create team").click();
        dialog(alice).getByLabel("Team name").fill(TEAM);
        dialog(alice).getByLabel("Description").fill("Lab and ward: haemolysed samples, repeats, critical results");
        button(dialog(alice), "Create team").click();
        alice.locator(".pane-head h1").getByText("General").waitFor();

        // ...finds Dan in the directory (another organisation) and adds him.
        button(alice, "Manage team " + TEAM).click();
        dialog(alice).getByLabel("Add people from any organisation").fill("kowalski");
        Locator addDan = button(dialog(alice), Pattern.compile("^Add Dan Kowalski"));
        assertThat(addDan.textContent()).contains("Westmoor Pathology");
        addDan.click();
        Locator members = dialog(alice).getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Members of " + TEAM));
        name(members, "Dan Kowalski").waitFor();
        assertThat(members.getByRole(AriaRole.LISTITEM).count()).isEqualTo(2);
        assertThat(members.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("Alice Moreno"))
                .getByText("Owner").count()).isEqualTo(1);
        // Dan is online, so his row carries a presence dot (shape + hidden text, not colour alone).
        Locator danRow = members.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("Dan Kowalski"));
        danRow.locator(".presence-dot").waitFor();
        assertThat(danRow.textContent()).contains("Available");
        shot(alice, "teams-manage.png");
        // An owner can hand ownership on (and take it back).
        button(dialog(alice), "Make owner Dan Kowalski").click();
        dialog(alice).getByText("Dan Kowalski is now an owner.").waitFor();
        assertThat(danRow.getByText("Owner", new Locator.GetByTextOptions().setExact(true)).count()).isEqualTo(1);
        button(dialog(alice), "Make member Dan Kowalski").click();
        dialog(alice).getByText("Dan Kowalski is now a member.").waitFor();
        button(dialog(alice), "Close").click();

        // Dan sees the team and its General channel appear without reloading.
        button(dan, TEAM).waitFor();
        button(dan, Pattern.compile("^General")).waitFor();
        assertThat(button(dan, "Manage team " + TEAM).count()).isEqualTo(1);

        // Alice creates a private channel with Dan and posts in it.
        button(alice, "+ Add channel to " + TEAM).click();
        dialog(alice).getByLabel("Channel name").fill(CHANNEL);
        dialog(alice).getByLabel(Pattern.compile("^Private")).check();
        dialog(alice).getByLabel("Choose team members").fill("dan");
        button(dialog(alice), Pattern.compile("Dan Kowalski")).click();
        assertThat(button(dialog(alice), Pattern.compile("Dan Kowalski")).getAttribute("aria-pressed")).isEqualTo("true");
        shot(alice, "new-channel.png");
        button(dialog(alice), "Create channel").click();
        alice.locator(".pane-head h1").getByText(CHANNEL).waitFor();
        send(alice, "Bed 4 potassium sample **haemolysed**, please repeat");
        messages(alice).getByText("please repeat").first().waitFor();

        // Dan sees the private channel arrive, marked private, with an unread badge; he reads the post.
        Locator danChannel = button(dan, Pattern.compile(CHANNEL + ".*private channel.*1 unread"));
        danChannel.waitFor();
        assertThat(dan.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Teams"))).textContent())
                .isEqualTo("Teams, 1 channel with unread messages");
        shot(dan, "teams.png");
        danChannel.click();
        messages(dan).getByText("please repeat").first().waitFor();
        assertThat(messages(dan).locator("strong").first().textContent()).isEqualTo("haemolysed");
        assertThat(dan.locator(".pane-head").textContent()).contains(TEAM).contains("Private channel");
        // Dan is not an owner: he may see the members and leave, not rename the channel.
        assertThat(button(dan.locator(".pane-head"), "Rename").count()).isZero();
        button(dan.locator(".pane-head"), Pattern.compile("^Members")).click();
        name(dialog(dan), "Alice Moreno").waitFor();
        button(dialog(dan), "Close").click();
        shot(dan, "channel.png");

        // Alice starts a group chat with Dan and Hannah, then names it.
        section(alice, "Chat");
        button(alice, "New chat").click();
        Locator search = dialog(alice).getByLabel("Search people");
        search.fill("kowalski");
        button(dialog(alice), Pattern.compile("Dan Kowalski")).click();
        search.fill("hannah");
        button(dialog(alice), Pattern.compile("Hannah Price")).click();
        assertThat(dialog(alice).getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Chosen people"))
                .getByRole(AriaRole.LISTITEM).count()).isEqualTo(2);
        shot(alice, "new-chat.png");
        button(dialog(alice), "Start group chat (3 people)").click();
        alice.locator(".pane-head").getByText("Group chat · 3 people").waitFor();
        send(alice, "Who is taking the repeat sample for bed 4?");
        messages(alice).getByText("repeat sample").first().waitFor();

        section(dan, "Chat");
        button(dan, Pattern.compile("Alice Moreno, Hannah Price|Hannah Price, Alice Moreno")).waitFor();

        button(alice.locator(".pane-head"), "Rename").click();
        dialog(alice).getByLabel("Group name").fill(GROUP);
        button(dialog(alice), "Save name").click();
        alice.locator(".pane-head h1").getByText(GROUP).waitFor();

        // Dan sees the new name live, opens the group and sees its members with presence.
        Locator danGroup = button(dan, Pattern.compile("^" + GROUP));
        danGroup.waitFor();
        danGroup.click();
        messages(dan).getByText("repeat sample").first().waitFor();
        button(dan.locator(".pane-head"), Pattern.compile("^Members")).click();
        Locator groupMembers = dialog(dan).getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Members of " + GROUP));
        name(groupMembers, "Hannah Price").waitFor();
        assertThat(groupMembers.getByRole(AriaRole.LISTITEM).count()).isEqualTo(3);
        groupMembers.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("Alice Moreno"))
                .locator(".presence-dot").waitFor();
        shot(dan, "group-chat.png");
        button(dialog(dan), "Close").click();

        // Dan leaves; the group leaves his list, and Alice sees two people left.
        button(dan.locator(".pane-head"), "Leave").click();
        button(dialog(dan), "Leave").click();
        danGroup.waitFor(new Locator.WaitForOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
        assertThat(dan.locator(".conversation-list").getByText(GROUP).count()).isZero();
        alice.locator(".pane-head").getByText("Group chat · 2 people").waitFor();
        shot(alice, "group-chat-after-leave.png");

        // On a ward tablet (768 px) the team tree and the channel header still fit.
        alice.setViewportSize(768, 1024);
        section(alice, "Teams");
        button(alice, Pattern.compile("^" + CHANNEL)).click();
        alice.locator(".pane-head h1").getByText(CHANNEL).waitFor();
        shot(alice, "teams-tablet.png");
    }
}

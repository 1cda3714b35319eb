package org.confer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link EveryoneMention}: @channel / @team mention everyone only as a whole token. */
class EveryoneMentionTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            @channel                        | true
            @team                           | true
            Hello @team.                    | true
            (@channel)                      | true
            @team, please                   | true
            'cc @team: drill at 2pm'        | true
            '@channel\\nfire drill'         | true
            'bed 4 @team!'                  | true
            'see @team... now'              | true
            '"@channel"'                    | true
            @teamwork then @team            | true
            ward@team.example or @channel   | true
            `@channel` in code counts       | true
            ward@team.example               | false
            email ward@team.example         | false
            see @teamwork notes             | false
            @channel-ops                    | false
            x@channel                       | false
            @channel_ops                    | false
            @team@example                   | false
            .@team                          | false
            -@team                          | false
            _@team                          | false
            @@team                          | false
            @team.example                   | false
            @team.2                         | false
            café@team                       | false
            @teamé                          | false
            @Team                           | false
            channel team                    | false
            ''                              | false
            """)
    void only_a_whole_token_mentions_everyone(String text, boolean everyone) {
        assertThat(EveryoneMention.in(text.replace("\\n", "\n"))).isEqualTo(everyone);
    }

    @ParameterizedTest(name = "deleted -> false")
    @CsvSource(nullValues = "NULL", value = "NULL")
    void a_deleted_message_mentions_no_one(String text) {
        assertThat(EveryoneMention.in(text)).isFalse();
    }
}
